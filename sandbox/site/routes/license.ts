// `GET /rest/api/3/instance/license`: the site's applications and their plans (OpenAPI `License`). No
// permission is needed (any signed-in caller, the app included). The plan is the sandbox menu's switch.
import { licenseJson } from '../plan';
import type { RouteRequest, Router } from '../router';

function getLicense(request: RouteRequest) {
  return { status: 200, body: licenseJson(request.site.state) };
}

export function registerLicenseRoutes(router: Router): void {
  router.add('GET', '/rest/api/3/instance/license', getLicense);
}
