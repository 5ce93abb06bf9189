"""Remote SPARQL servers: endpoints, credentials, the HTTP client, publishing."""
