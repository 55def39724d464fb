//! Each backend's own error envelope, so the app's decoders meet the real shapes.

use axum::{
    http::{HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

/// Which backend a path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Commerce,
    Delivery,
    Courier,
    Partner,
    Other,
}

impl Backend {
    pub fn of(path: &str) -> Backend {
        if path.starts_with("/commerce/") {
            Backend::Commerce
        } else if path.starts_with("/delivery/") {
            Backend::Delivery
        } else if path.starts_with("/courier") {
            Backend::Courier
        } else if path.starts_with("/partner") {
            Backend::Partner
        } else {
            Backend::Other
        }
    }

    /// Delivery's snake_case code for an HTTP status (seed 000 list).
    fn delivery_code(status: u16) -> &'static str {
        match status {
            400 => "validation_error",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            409 => "conflict",
            422 => "unprocessable_entity",
            429 => "rate_limited",
            _ => "internal",
        }
    }

    /// An error in this backend's shape. `code` is the commerce/partner code; delivery
    /// and courier derive theirs from the status as their documents do.
    pub fn error(
        self,
        status: u16,
        code: &str,
        message: &str,
        details: Value,
        request_id: &str,
    ) -> Response {
        let body = match self {
            Backend::Commerce | Backend::Other => json!({
                "success": false,
                "error": {"code": code, "message": message, "details": if details.is_null() { json!({}) } else { details }}
            }),
            Backend::Delivery => json!({
                "error": Self::delivery_code(status),
                "message": message,
                "details": if details.is_array() { details } else { json!([]) },
                "request_id": request_id,
            }),
            Backend::Courier => json!({
                "success": false,
                "status_code": status,
                "error": {"code": status, "message": message, "dev_err": if details.is_null() { Value::from(code) } else { details }}
            }),
            Backend::Partner => json!({"code": code, "message": message}),
        };
        let mut resp = (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Json(body),
        )
            .into_response();
        if let Ok(v) = HeaderValue::from_str(request_id) {
            if !request_id.is_empty() {
                resp.headers_mut().insert("x-request-id", v);
            }
        }
        resp
    }
}

/// Commerce success: `{success:true,data,meta?}` with a status.
pub fn ok(status: StatusCode, data: Value, meta: Option<Value>) -> Response {
    let mut body = json!({"success": true, "data": data});
    if let Some(m) = meta {
        body["meta"] = m;
    }
    (status, Json(body)).into_response()
}

/// Commerce refusal with the request id taken from the gate.
pub fn fail(status: u16, code: &str, message: &str, details: Value) -> Response {
    // The gate stamps the real request id on the way out; the body has none in commerce.
    Backend::Commerce.error(status, code, message, details, "")
}

/// `400 VALIDATION_ERROR` «Неверные входные данные» with `details` per field.
pub fn invalid(details: Value) -> Response {
    fail(400, "VALIDATION_ERROR", "Неверные входные данные", details)
}

pub fn pagination(total: u64, page: u64, page_size: u64) -> Value {
    let total_pages = total.div_ceil(page_size.max(1));
    json!({"pagination": {
        "total": total, "page": page, "pageSize": page_size, "totalPages": total_pages,
        "hasNext": page < total_pages, "hasPrevious": page > 1
    }})
}
