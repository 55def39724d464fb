//! Who is shopping: the signed-in user and their token — in memory, mirrored to
//! sessionStorage (never localStorage) so a reload in the same tab keeps the sign-in and
//! closing the tab ends it.

use super::storage::{self, Key};
use crate::api::commerce::auth::{SignedIn, User};
use crate::api::Endpoint;
use crate::config::Config;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
        let s: StoredSession = crate::domain::json::from_str(raw).ok()?;
        (s.v == 1 && s.expires_at > now && !s.token.is_empty()).then_some(s)
    }
}

/// The signed-in part, all at once: it changes as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SignIn {
    token: String,
    expires_at: u64,
    user: User,
}

/// The shopper's session and the endpoints that carry their token.
#[derive(Clone, Copy)]
pub struct Session {
    config: StoredValue<Config>,
    current: RwSignal<Option<SignIn>>,
    /// The token stopped working; the router's watcher sends the shopper to sign in again
    /// and back to the same page.
    relogin: RwSignal<bool>,
}

impl Session {
    pub fn new(config: Config) -> Self {
        Session {
            config: StoredValue::new(config),
            current: RwSignal::new(None),
            relogin: RwSignal::new(false),
        }
    }

    /// Picks up a sign-in made earlier in this tab; a bad or stale record is removed.
    pub fn restore(&self, now: u64) {
        let Some(raw) = storage::read(&Key::session()) else {
            return;
        };
        match StoredSession::decode(&raw, now) {
            Some(s) => self.current.set(Some(SignIn {
                token: s.token,
                expires_at: s.expires_at,
                user: s.user,
            })),
            None => storage::remove(&Key::session()),
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
        if let Ok(json) = serde_json::to_string(&record) {
            // Without storage the sign-in still lasts until the tab reloads.
            let _ = storage::write(&Key::session(), &json);
        }
        self.current.set(Some(SignIn {
            token: s.access_token,
            expires_at,
            user: s.user,
        }));
        self.relogin.set(false);
    }

    /// Forgets the token and every personal record this device holds.
    pub fn sign_out(&self) {
        self.current.set(None);
        storage::forget_personal();
    }

    /// Called when a backend says 401: the token is no good any more. Drafts and lines
    /// waiting to move into the account cart stay for the next sign-in.
    pub fn expired(&self) {
        if self.current.with_untracked(Option::is_none) {
            return;
        }
        self.relogin.set(true);
        self.current.set(None);
        storage::remove(&Key::session());
    }

    /// Every failed call passes its error here: a 401 means the token is no good any more.
    pub fn refused(&self, e: &crate::api::ApiError) {
        if matches!(e, crate::api::ApiError::Unauthorized(_)) {
            self.expired();
        }
    }

    /// The watcher takes the shopper to sign in again: once per expiry.
    pub fn take_relogin(&self) -> bool {
        if self.relogin.get() {
            self.relogin.set(false);
            true
        } else {
            false
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// The signed-in shopper's name.
    pub fn user_name(&self) -> Option<String> {
        self.current
            .with(|c| c.as_ref().map(|c| c.user.name.clone()))
    }

    /// A partner sees commission and points.
    /// The signed-in user's partner id (seed 004), tracked.
    pub fn partner_id(&self) -> Option<String> {
        self.current
            .with(|c| c.as_ref().and_then(|c| c.user.partner_id.clone()))
    }

    pub fn is_partner(&self) -> bool {
        self.current
            .with(|c| c.as_ref().is_some_and(|c| c.user.partner_id.is_some()))
    }

    /// Unix seconds when the token runs out.
    pub fn expires_at(&self) -> Option<u64> {
        self.current.with(|c| c.as_ref().map(|c| c.expires_at))
    }

    /// The token, tracked: what a state that belongs to one person follows.
    pub fn token(&self) -> Option<String> {
        self.current.with(|c| c.as_ref().map(|c| c.token.clone()))
    }

    /// The token now, untracked: whose answer a reply is.
    pub fn token_now(&self) -> Option<String> {
        self.current
            .with_untracked(|c| c.as_ref().map(|c| c.token.clone()))
    }

    pub fn commerce(&self) -> Endpoint {
        self.config.with_value(|c| c.commerce(self.token_now()))
    }

    pub fn delivery(&self) -> Endpoint {
        self.config.with_value(|c| c.delivery(self.token_now()))
    }

    pub fn partner(&self) -> Endpoint {
        self.config.with_value(|c| c.partner(self.token_now()))
    }

    pub fn courier(&self) -> Endpoint {
        self.config.with_value(|c| c.courier())
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
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
}
