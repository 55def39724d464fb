//! Who is shopping: the signed-in user and their token, held in memory.

use crate::api::commerce::auth::User;
use crate::api::Endpoint;
use crate::config::Config;
use leptos::prelude::*;

/// The shopper's session and the endpoints that carry their token.
#[derive(Clone, Copy)]
pub struct Session {
    pub config: StoredValue<Config>,
    pub user: RwSignal<Option<User>>,
    pub token: RwSignal<Option<String>>,
}

impl Session {
    pub fn new(config: Config) -> Self {
        Session {
            config: StoredValue::new(config),
            user: RwSignal::new(None),
            token: RwSignal::new(None),
        }
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
