import Foundation

/// The OpenAPI 3.1 description of the mock, served at `/openapi.json`.
///
/// Kept by hand next to the routes; `OpenAPIDocumentTests` checks that every documented
/// path, method and status is served and answers with that status, and that every route
/// is documented.
enum OpenAPIDocument {
    /// The document a server serves: `GET /bench/constant` is listed only where it is
    /// served (with `benchRoutes`), so a client driven by the document never meets a 404.
    static func json(benchRoutes: Bool) -> String {
        if benchRoutes { return full }
        guard let data = full.data(using: .utf8),
              var document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              var paths = document["paths"] as? [String: Any] else { return full }
        paths[APIRoute.benchConstant.openAPIPath] = nil
        document["paths"] = paths
        guard let trimmed = try? JSONSerialization.data(withJSONObject: document,
                                                        options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return full }
        return String(decoding: trimmed, as: UTF8.self)
    }

    /// Every operation, the bench route included.
    static let full = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "pollster mock execution API",
        "version": "1.0.0",
        "description": "A mock of a job-execution status API for load testing and rate-limit analysis. Executions move pending -> running -> completed | failed | cancelled on the scenario clock. Every error body is {\"error\": {\"code\", \"message\"}}. Any path answers 405 METHOD_NOT_ALLOWED (with Allow) for a method it does not serve, 404 NOT_FOUND for an unknown path and 431 REQUEST_HEADER_FIELDS_TOO_LARGE for oversized headers."
      },
      "servers": [{ "url": "http://127.0.0.1:8080" }],
      "security": [{ "bearerAuth": [] }, { "apiKeyHeader": [] }],
      "paths": {
        "/v1/executions/{executionId}": {
          "get": {
            "operationId": "getExecution",
            "summary": "Get the status of an execution (scope executions:read)",
            "parameters": [
              { "$ref": "#/components/parameters/executionId" },
              {
                "name": "include",
                "in": "query",
                "required": false,
                "description": "Additional data to include, comma-separated: artifacts, metrics. Any other value is a 400.",
                "schema": { "type": "string", "examples": ["artifacts,metrics"] }
              }
            ],
            "responses": {
              "200": {
                "description": "The execution as of the moment the request arrived.",
                "headers": {
                  "RateLimit-Policy": { "$ref": "#/components/headers/RateLimit-Policy" },
                  "RateLimit": { "$ref": "#/components/headers/RateLimit" },
                  "X-RateLimit-Limit": { "$ref": "#/components/headers/X-RateLimit-Limit" },
                  "X-RateLimit-Remaining": { "$ref": "#/components/headers/X-RateLimit-Remaining" },
                  "X-RateLimit-Reset": { "$ref": "#/components/headers/X-RateLimit-Reset" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Execution" } } }
              },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/ExecutionNotFound" },
              "429": { "$ref": "#/components/responses/RateLimited" }
            }
          }
        },
        "/v1/flows/{flowId}/executions": {
          "post": {
            "operationId": "createExecution",
            "summary": "Start an execution of a flow (scope executions:write)",
            "parameters": [
              { "name": "flowId", "in": "path", "required": true, "schema": { "type": "string" } }
            ],
            "requestBody": {
              "required": false,
              "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CreateExecutionRequest" } } }
            },
            "responses": {
              "202": {
                "description": "Accepted; the Location header points at the new execution.",
                "headers": {
                  "Location": { "schema": { "type": "string" }, "description": "/v1/executions/{executionId}" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Execution" } } }
              },
              "400": { "$ref": "#/components/responses/InvalidRequest" },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "413": { "$ref": "#/components/responses/PayloadTooLarge" },
              "429": { "$ref": "#/components/responses/RateLimited" }
            }
          }
        },
        "/v1/executions/{executionId}/cancel": {
          "post": {
            "operationId": "cancelExecution",
            "summary": "Cancel a pending or running execution (scope executions:write)",
            "parameters": [{ "$ref": "#/components/parameters/executionId" }],
            "responses": {
              "200": {
                "description": "Cancelled; the execution as of now.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Execution" } } }
              },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/ExecutionNotFound" },
              "409": {
                "description": "EXECUTION_ALREADY_TERMINAL: the execution has already finished.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              },
              "429": { "$ref": "#/components/responses/RateLimited" }
            }
          }
        },
        "/healthz": {
          "get": {
            "operationId": "health",
            "summary": "Liveness check",
            "security": [],
            "responses": {
              "200": {
                "description": "The server is up.",
                "content": { "application/json": { "schema": { "type": "object", "properties": { "status": { "const": "ok" } } } } }
              }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "operationId": "openAPIDocument",
            "summary": "This document",
            "security": [],
            "responses": {
              "200": { "description": "The OpenAPI 3.1 document.", "content": { "application/json": {} } }
            }
          }
        },
        "/bench/constant": {
          "get": {
            "operationId": "benchConstant",
            "summary": "Diagnostic: a constant execution body through the same app, to compare throughput (served only with --bench-routes)",
            "security": [],
            "responses": {
              "200": {
                "description": "Always the same body.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Execution" } } }
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearerAuth": { "type": "http", "scheme": "bearer", "description": "Authorization: Bearer KEY" },
          "apiKeyHeader": { "type": "apiKey", "in": "header", "name": "X-API-Key" }
        },
        "parameters": {
          "executionId": {
            "name": "executionId",
            "in": "path",
            "required": true,
            "description": "The execution identifier (e.g. exec_0f3a9c2e71b4d856). An unknown or malformed id is a 404.",
            "schema": { "type": "string" }
          }
        },
        "headers": {
          "RateLimit-Policy": { "schema": { "type": "string" }, "description": "Every limiter, e.g. \"apikey\";q=20;w=2 (IETF draft); present when rate limits are configured" },
          "RateLimit": { "schema": { "type": "string" }, "description": "The most constraining limiter, e.g. \"apikey\";r=5;t=1" },
          "X-RateLimit-Limit": { "schema": { "type": "integer" }, "description": "The quota of the most constraining limiter" },
          "X-RateLimit-Remaining": { "schema": { "type": "integer" }, "description": "Requests left in it" },
          "X-RateLimit-Reset": { "schema": { "type": "integer" }, "description": "Seconds until its quota is restored" },
          "Retry-After": { "schema": { "type": "integer" }, "description": "Whole seconds until the request would be allowed" }
        },
        "responses": {
          "InvalidRequest": {
            "description": "INVALID_REQUEST: an unknown include value, a body that is not a JSON object, or a field out of range.",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          },
          "Unauthorized": {
            "description": "UNAUTHORIZED: missing or invalid API key.",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          },
          "Forbidden": {
            "description": "FORBIDDEN: the API key lacks the scope this operation needs.",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          },
          "ExecutionNotFound": {
            "description": "EXECUTION_NOT_FOUND: the execution does not exist.",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          },
          "PayloadTooLarge": {
            "description": "PAYLOAD_TOO_LARGE: the body exceeds the server's limit (64 KiB by default).",
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          },
          "RateLimited": {
            "description": "RATE_LIMITED: a rate limit is exhausted; retry after Retry-After seconds.",
            "headers": {
              "Retry-After": { "$ref": "#/components/headers/Retry-After" },
              "RateLimit-Policy": { "$ref": "#/components/headers/RateLimit-Policy" },
              "RateLimit": { "$ref": "#/components/headers/RateLimit" },
              "X-RateLimit-Limit": { "$ref": "#/components/headers/X-RateLimit-Limit" },
              "X-RateLimit-Remaining": { "$ref": "#/components/headers/X-RateLimit-Remaining" },
              "X-RateLimit-Reset": { "$ref": "#/components/headers/X-RateLimit-Reset" }
            },
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
          }
        },
        "schemas": {
          "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
              "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": { "code": { "type": "string" }, "message": { "type": "string" } }
              }
            }
          },
          "CreateExecutionRequest": {
            "type": "object",
            "description": "Every field is optional; without them the server's workload decides run time, queue time and outcome.",
            "properties": {
              "durationMs": { "type": "number", "minimum": 0, "maximum": 2592000000, "description": "Run time, scenario milliseconds" },
              "queueMs": { "type": "number", "minimum": 0, "maximum": 2592000000, "description": "Time pending before running" },
              "outcome": { "type": "string", "enum": ["completed", "failed", "cancelled"] },
              "metadata": { "type": "object", "additionalProperties": true }
            }
          },
          "Execution": {
            "type": "object",
            "required": ["id", "flowId", "version", "status", "createdAt", "metadata"],
            "properties": {
              "id": { "type": "string" },
              "flowId": { "type": "string" },
              "version": { "type": "string" },
              "status": { "type": "string", "enum": ["pending", "running", "completed", "failed", "cancelled"] },
              "progress": {
                "type": "object",
                "description": "While running.",
                "properties": { "step": { "type": "string" }, "percentage": { "type": "number", "minimum": 0, "maximum": 100 } }
              },
              "createdAt": { "type": "string", "format": "date-time" },
              "completedAt": { "type": "string", "format": "date-time", "description": "Once terminal." },
              "output": { "type": "object", "description": "When completed." },
              "error": {
                "type": "object",
                "description": "When failed.",
                "properties": { "code": { "type": "string" }, "message": { "type": "string" }, "step": { "type": "string" } }
              },
              "metrics": {
                "type": "object",
                "description": "With include=metrics.",
                "properties": {
                  "queueMs": { "type": "number" },
                  "runMs": { "type": "number" },
                  "stepsCompleted": { "type": "integer" },
                  "stepsTotal": { "type": "integer" }
                }
              },
              "artifacts": {
                "type": "object",
                "description": "With include=artifacts: finished steps by name.",
                "additionalProperties": {
                  "type": "object",
                  "properties": { "uri": { "type": "string" }, "sizeBytes": { "type": "integer" } }
                }
              },
              "metadata": { "type": "object", "description": "Custom metadata from the create request." }
            }
          }
        }
      }
    }
    """#
}
