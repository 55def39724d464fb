//! Runtime configuration: the backends' base URLs, read from `config.json` before any API
//! call, so one `dist/` serves sandbox and production.

use crate::api::{http, ApiError, Endpoint, Method};
use crate::timer::now_ms;
use serde::Deserialize;
use thiserror::Error;

/// Base URLs of the four backends, without a trailing slash.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub commerce: String,
    pub delivery: String,
    pub courier: String,
    pub partner: String,
}

/// Why the app could not start; shown on the error page as is.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("не удалось загрузить config.json: {0}")]
    Unreachable(String),
    #[error("config.json не найден: сервер ответил {0}")]
    Status(u16),
    #[error("config.json повреждён: {0}")]
    Malformed(String),
    #[error("в config.json ключ «{key}»: {reason}")]
    Invalid { key: &'static str, reason: String },
}

impl Config {
    /// Parses and checks the file: every key present, each value an absolute http(s) URL.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let mut c: Config = crate::domain::json::from_str(text)
            .map_err(|e| ConfigError::Malformed(e.to_string()))?;
        for (key, value) in [
            ("commerce", &mut c.commerce),
            ("delivery", &mut c.delivery),
            ("courier", &mut c.courier),
            ("partner", &mut c.partner),
        ] {
            let v = value.trim();
            if v.is_empty() {
                return Err(ConfigError::Invalid {
                    key,
                    reason: "пустое значение".into(),
                });
            }
            if !(v.starts_with("http://") || v.starts_with("https://")) {
                return Err(ConfigError::Invalid {
                    key,
                    reason: format!("«{v}» — не адрес http(s)"),
                });
            }
            *value = v.trim_end_matches('/').to_string();
        }
        Ok(c)
    }

    pub fn commerce(&self, token: Option<String>) -> Endpoint {
        Endpoint::new(&self.commerce, now_ms).with_token(token)
    }

    pub fn delivery(&self, token: Option<String>) -> Endpoint {
        Endpoint::new(&self.delivery, now_ms).with_token(token)
    }

    pub fn courier(&self) -> Endpoint {
        Endpoint::new(&self.courier, now_ms)
    }

    pub fn partner(&self, token: Option<String>) -> Endpoint {
        Endpoint::new(&self.partner, now_ms).with_token(token)
    }
}

/// Fetches `config.json` beside `index.html` (relative, so a sub-path deployment works).
pub async fn load() -> Result<Config, ConfigError> {
    let mut req = http::HttpRequest::new(Method::Get, "config.json".into());
    req.timeout_ms = 10_000;
    // Asked now: the transport takes the answer early.js started only for a request that
    // says when it was asked (api/http.rs take_early).
    req.asked_at_ms = Some(now_ms());
    let raw = http::send(req).await.map_err(|e| match e {
        ApiError::Timeout { after_ms } => {
            ConfigError::Unreachable(format!("нет ответа за {after_ms} мс"))
        }
        other => ConfigError::Unreachable(other.to_string()),
    })?;
    if !raw.is_success() {
        return Err(ConfigError::Status(raw.status));
    }
    Config::parse(&raw.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_is_valid() {
        let c = Config::parse(include_str!("../public/config.json")).unwrap();
        assert_eq!(c.commerce, "http://127.0.0.1:8081/commerce/api/v1");
        assert_eq!(c.partner, "http://127.0.0.1:8081/partner");
    }

    #[test]
    fn a_missing_key_is_named() {
        let e =
            Config::parse(r#"{"commerce":"http://a","delivery":"http://b","courier":"http://c"}"#)
                .unwrap_err();
        assert!(e.to_string().contains("partner"), "{e}");
    }

    #[test]
    fn an_unknown_key_is_named() {
        let e = Config::parse(
            r#"{"comerce":"http://a","delivery":"http://b","courier":"http://c","partner":"http://d"}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("comerce"), "{e}");
    }

    #[test]
    fn a_relative_or_empty_url_is_refused_and_a_trailing_slash_dropped() {
        let e = Config::parse(
            r#"{"commerce":"/api","delivery":"http://b","courier":"http://c","partner":"http://d"}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            ConfigError::Invalid {
                key: "commerce",
                reason: "«/api» — не адрес http(s)".into()
            }
        );
        let c = Config::parse(
            r#"{"commerce":"http://a/","delivery":"http://b","courier":"http://c","partner":"http://d"}"#,
        )
        .unwrap();
        assert_eq!(c.commerce, "http://a");
        assert!(matches!(
            Config::parse("not json"),
            Err(ConfigError::Malformed(_))
        ));
    }
}
