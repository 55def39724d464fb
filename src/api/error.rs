//! One error type for every backend, so pages can explain any failure the same way.

pub use crate::domain::codes::ErrorCode;
use thiserror::Error;

/// Per-field validation messages as the backend sent them (`details`).
pub type FieldErrors = Vec<(String, Vec<String>)>;

/// What a backend said about a refused request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackendError {
    pub status: u16,
    /// The backend's machine code (`PRODUCT_NOT_FOUND`; an unknown one such as
    /// `validation_error` or `3` is kept as sent).
    pub code: ErrorCode,
    pub message: String,
    pub details: FieldErrors,
    pub request_id: Option<String>,
}

impl BackendError {
    /// Messages for one field, e.g. to show beside a form input.
    pub fn field(&self, name: &str) -> Option<&[String]> {
        self.details
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// When a rate-limited request may be retried, as `Retry-After` said it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u64),
    /// An HTTP date, as unix seconds.
    At(u64),
}

/// The rate-limit headers of a response, parsed leniently: a malformed header is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// Unix seconds when the window resets.
    pub reset: Option<u64>,
    pub policy: Option<String>,
    pub retry_after: Option<RetryAfter>,
}

impl RateLimit {
    /// Unix seconds from which a retry is allowed: `Retry-After` first, then the window reset.
    pub fn retry_at(&self, now: u64) -> Option<u64> {
        match self.retry_after {
            Some(RetryAfter::Seconds(s)) => Some(now.saturating_add(s)),
            Some(RetryAfter::At(t)) => Some(t),
            None => self.reset,
        }
    }

    /// Whole seconds to wait from `now` (0 when the time has passed).
    pub fn wait_seconds(&self, now: u64) -> Option<u64> {
        self.retry_at(now).map(|t| t.saturating_sub(now))
    }
}

/// A 429: the limit headers, when the answer arrived, and what the backend said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimited {
    pub limit: RateLimit,
    /// Unix seconds when the answer arrived, so the wait can be shown as a clock time.
    pub received_at: u64,
    pub error: BackendError,
}

impl RateLimited {
    /// Unix seconds from which a retry is allowed.
    pub fn retry_at(&self) -> Option<u64> {
        self.limit.retry_at(self.received_at)
    }
}

/// Every way a call to a backend can fail.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ApiError {
    #[error("нет связи с сервером: {0}")]
    Network(String),
    #[error("сервер не ответил за {after_ms} мс")]
    Timeout { after_ms: u32 },
    /// Boxed: it is the largest variant, and every `Result` carries the error's size.
    #[error("слишком много запросов")]
    RateLimited(Box<RateLimited>),
    #[error("требуется вход: {}", .0.message)]
    Unauthorized(BackendError),
    #[error("доступ запрещён: {}", .0.message)]
    Forbidden(BackendError),
    #[error("не найдено: {}", .0.message)]
    NotFound(BackendError),
    #[error("конфликт: {}", .0.message)]
    Conflict(BackendError),
    #[error("неверные данные: {}", .0.message)]
    Validation(BackendError),
    #[error("ошибка сервера {}: {}", .0.status, .0.message)]
    Server(BackendError),
    #[error("непонятный ответ сервера: {detail}")]
    Decode {
        status: u16,
        detail: String,
        request_id: Option<String>,
    },
}

impl ApiError {
    /// Sorts a refused request by its HTTP status.
    pub fn from_status(status: u16, error: BackendError, limit: RateLimit, now: u64) -> ApiError {
        match status {
            429 => ApiError::RateLimited(Box::new(RateLimited {
                limit,
                received_at: now,
                error,
            })),
            401 => ApiError::Unauthorized(error),
            403 => ApiError::Forbidden(error),
            404 | 410 => ApiError::NotFound(error),
            409 => ApiError::Conflict(error),
            400..=499 => ApiError::Validation(error),
            _ => ApiError::Server(error),
        }
    }

    /// The backend's own words, when it sent any.
    pub fn backend(&self) -> Option<&BackendError> {
        match self {
            ApiError::RateLimited(r) => Some(&r.error),
            ApiError::Unauthorized(error)
            | ApiError::Forbidden(error)
            | ApiError::NotFound(error)
            | ApiError::Conflict(error)
            | ApiError::Validation(error)
            | ApiError::Server(error) => Some(error),
            _ => None,
        }
    }

    /// The backend's code, e.g. `CATEGORY_NOT_FOUND`.
    pub fn code(&self) -> Option<&ErrorCode> {
        self.backend().map(|e| &e.code)
    }

    /// Whether the backend refused with `code`.
    pub fn is(&self, code: ErrorCode) -> bool {
        self.code() == Some(&code)
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Decode { request_id, .. } => request_id.as_deref(),
            other => other.backend().and_then(|e| e.request_id.as_deref()),
        }
    }

    /// Worth retrying the same request later without changing it.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout { .. }
                | ApiError::RateLimited(_)
                | ApiError::Server(_)
        )
    }

    /// A sentence for the shopper, in Russian, with the backend's message when it helps.
    pub fn user_message(&self) -> String {
        let backend_msg = |e: &BackendError, fallback: &str| {
            if e.message.trim().is_empty() {
                fallback.to_string()
            } else {
                e.message.clone()
            }
        };
        match self {
            ApiError::Network(_) => {
                "Нет связи с сервером. Проверьте подключение к интернету и повторите.".into()
            }
            ApiError::Timeout { .. } => "Сервер не ответил вовремя. Повторите попытку.".into(),
            ApiError::RateLimited(r) => match r.limit.wait_seconds(r.received_at) {
                Some(s) if s > 0 => {
                    format!("Слишком много запросов. Повторить можно через {s} с.")
                }
                _ => "Слишком много запросов. Повторите чуть позже.".into(),
            },
            ApiError::Unauthorized(_) => "Войдите, чтобы продолжить.".into(),
            ApiError::Forbidden(e) => backend_msg(e, "Это действие вам недоступно."),
            ApiError::NotFound(e) => backend_msg(e, "Не найдено."),
            ApiError::Conflict(e) => backend_msg(e, "Запрос уже выполняется или выполнен."),
            ApiError::Validation(e) => backend_msg(e, "Проверьте введённые данные."),
            ApiError::Server(_) => {
                "На сервере произошла ошибка. Мы уже знаем о ней — повторите позже.".into()
            }
            ApiError::Decode { .. } => {
                "Сервер прислал ответ, который не удалось прочитать. Повторите позже.".into()
            }
        }
    }
}

/// `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored.
pub fn parse_retry_after(value: &str) -> Option<RetryAfter> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if let Some(secs) = parse_seconds(v) {
        return Some(RetryAfter::Seconds(secs));
    }
    let t = httpdate::parse_http_date(v).ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(RetryAfter::At(secs))
}

/// Lenient non-negative seconds: `30`, ` 30 `, `30.7` (rounded up), `-5` (as 0).
fn parse_seconds(v: &str) -> Option<u64> {
    if let Ok(n) = v.parse::<i64>() {
        return Some(n.max(0) as u64);
    }
    let f: f64 = v.parse().ok()?;
    f.is_finite().then(|| f.max(0.0).ceil() as u64)
}

/// Anything below this is taken as seconds from now rather than a unix time:
/// some gateways send `X-RateLimit-Reset` as a delta.
const UNIX_TIME_FLOOR: u64 = 1_000_000_000;

/// Reads the rate-limit headers through `header(name)` (names in lower case).
pub fn parse_rate_limit<'a>(header: impl Fn(&str) -> Option<&'a str>, now: u64) -> RateLimit {
    let num = |name: &str| header(name).and_then(|v| parse_seconds(v.trim()));
    RateLimit {
        limit: num("x-ratelimit-limit"),
        remaining: num("x-ratelimit-remaining"),
        reset: num("x-ratelimit-reset").map(|r| {
            if r < UNIX_TIME_FLOOR {
                now.saturating_add(r)
            } else {
                r
            }
        }),
        policy: header("x-ratelimit-policy")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty()),
        retry_after: header("retry-after").and_then(parse_retry_after),
    }
}
