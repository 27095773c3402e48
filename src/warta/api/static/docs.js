// Swagger UI over the app's own OpenAPI document, from the vendored bundle (no CDN, no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
