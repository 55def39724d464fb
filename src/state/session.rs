//! Who is shopping: the signed-in user and their token — in memory, mirrored to
//! sessionStorage (never localStorage) so a reload in the same tab keeps the sign-in and
//! closing the tab ends it.

use crate::api::commerce::auth::{SignedIn, User};
use crate::api::Endpoint;
use crate::config::Config;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const KEY: &str = "vitrina.session";
/// Keys of other personal data this tab may hold; all go on sign-out.
const PERSONAL_PREFIXES: &[&str] = &["vitrina.session", "vitrina.review-draft."];

/// What sessionStorage holds.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoredSession {
    pub v: u32,
    pub token: String,
    /// Unix seconds.
    pub expires_at: u64,
    pub user: User,
}

impl StoredSession {
    /// A stored record still worth using at `now`: known version, not expired.
    pub fn decode(raw: &str, now: u64) -> Option<StoredSession> {
        let s: StoredSession = serde_json::from_str(raw).ok()?;
        (s.v == 1 && s.expires_at > now && !s.token.is_empty()).then_some(s)
    }
}

/// The shopper's session and the endpoints that carry their token.
#[derive(Clone, Copy)]
pub struct Session {
    pub config: StoredValue<Config>,
    pub user: RwSignal<Option<User>>,
    pub token: RwSignal<Option<String>>,
    pub expires_at: RwSignal<Option<u64>>,
    /// Set when the token stopped working; the router's watcher sends the shopper to sign in
    /// again and back to the same page.
    pub relogin: RwSignal<bool>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

impl Session {
    pub fn new(config: Config) -> Self {
        Session {
            config: StoredValue::new(config),
            user: RwSignal::new(None),
            token: RwSignal::new(None),
            expires_at: RwSignal::new(None),
            relogin: RwSignal::new(false),
        }
    }

    /// Picks up a sign-in made earlier in this tab; a bad or stale record is removed.
    pub fn restore(&self, now: u64) {
        let Some(st) = storage() else { return };
        let Some(raw) = st.get_item(KEY).ok().flatten() else {
            return;
        };
        match StoredSession::decode(&raw, now) {
            Some(s) => {
                self.token.set(Some(s.token));
                self.user.set(Some(s.user));
                self.expires_at.set(Some(s.expires_at));
            }
            None => {
                let _ = st.remove_item(KEY);
            }
        }
    }

    pub fn sign_in(&self, s: SignedIn, now: u64) {
        let expires_at = now + s.expires_in;
        let record = StoredSession {
            v: 1,
            token: s.access_token.clone(),
            expires_at,
            user: s.user.clone(),
        };
        if let (Some(st), Ok(json)) = (storage(), serde_json::to_string(&record)) {
            // Without storage the sign-in still lasts until the tab reloads.
            let _ = st.set_item(KEY, &json);
        }
        self.token.set(Some(s.access_token));
        self.user.set(Some(s.user));
        self.expires_at.set(Some(expires_at));
        self.relogin.set(false);
    }

    /// Forgets the token and every personal field this tab stored.
    pub fn sign_out(&self) {
        self.token.set(None);
        self.user.set(None);
        self.expires_at.set(None);
        if let Some(st) = storage() {
            let n = st.length().unwrap_or(0);
            let keys: Vec<String> = (0..n).filter_map(|i| st.key(i).ok().flatten()).collect();
            for k in keys {
                if PERSONAL_PREFIXES.iter().any(|p| k.starts_with(p)) {
                    let _ = st.remove_item(&k);
                }
            }
        }
        // Whatever this person's cart left on the device goes too: the next person starts empty.
        crate::state::cart::forget_guest_record();
    }

    /// Called when a backend says 401: the token is no good any more.
    pub fn expired(&self) {
        if self.token.with_untracked(Option::is_none) {
            return;
        }
        self.relogin.set(true);
        self.token.set(None);
        self.user.set(None);
        self.expires_at.set(None);
        if let Some(st) = storage() {
            let _ = st.remove_item(KEY);
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// A partner sees commission and points.
    pub fn is_partner(&self) -> bool {
        self.user
            .with(|u| u.as_ref().is_some_and(|u| u.partner_id.is_some()))
    }

    pub fn commerce(&self) -> Endpoint {
        self.config
            .with_value(|c| c.commerce(self.token.get_untracked()))
    }

    pub fn delivery(&self) -> Endpoint {
        self.config
            .with_value(|c| c.delivery(self.token.get_untracked()))
    }

    pub fn partner(&self) -> Endpoint {
        self.config
            .with_value(|c| c.partner(self.token.get_untracked()))
    }

    pub fn courier(&self) -> Endpoint {
        self.config.with_value(|c| c.courier())
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// A `next` target that stays on this site: a path, never `//host` or `scheme:`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_sessions_are_used_only_while_fresh_and_known() {
        let rec = r#"{"v":1,"token":"t","expiresAt":2000,"user":{"id":"u","name":"Анна","phone":"+79990000001"}}"#;
        assert!(StoredSession::decode(rec, 1000).is_some());
        assert!(StoredSession::decode(rec, 2000).is_none());
        assert!(StoredSession::decode(&rec.replace("\"v\":1", "\"v\":2"), 1000).is_none());
        assert!(StoredSession::decode("{not json", 1000).is_none());
        assert!(StoredSession::decode("null", 1000).is_none());
    }

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(
            safe_next(Some("/product/1?v=2#reviews")),
            "/product/1?v=2#reviews"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
