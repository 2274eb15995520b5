// Presentation settings from the Forge context (locale, site URL), available to every component.
import { createContext, useContext } from 'react';
import type { AppContext } from './forge-context';

const DEFAULT_CONTEXT: AppContext = {
  module: null,
  siteUrl: null,
  locale: 'en',
  timeZone: undefined,
  colorMode: null,
};

export const AppContextReact = createContext<AppContext>(DEFAULT_CONTEXT);

export function useAppContext(): AppContext {
  return useContext(AppContextReact);
}
