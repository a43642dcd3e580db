"""The API's answers, one module per domain: each runs its statements (api.queries) on the engine and
returns the response model. Routers validate the request, call a service and send what it returns."""
