//! Short notices at the edge of the screen; errors keep the backend's words and request id.

use crate::api::ApiError;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

/// A button on a toast («Вернуть»): its label and what it does. A plain `Arc`, not a
/// `Callback`: an arena callback would be disposed with the view that created it (the
/// cart line that was just removed) and the button would do nothing.
#[derive(Clone)]
pub struct ToastAction {
    pub label: String,
    pub run: std::sync::Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for ToastAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToastAction")
            .field("label", &self.label)
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub text: String,
    pub request_id: Option<String>,
    pub action: Option<ToastAction>,
}

/// The toast queue.
#[derive(Clone, Copy)]
pub struct Toasts {
    pub list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

/// How long a toast stays before it leaves by itself.
const TOAST_LIFETIME: Duration = Duration::from_secs(8);

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        }
    }

    pub fn push(&self, kind: ToastKind, text: impl Into<String>, request_id: Option<String>) {
        self.push_toast(kind, text.into(), request_id, None);
    }

    /// A toast with one button, e.g. «Вернуть» after a removal.
    pub fn push_action(&self, kind: ToastKind, text: impl Into<String>, action: ToastAction) {
        self.push_toast(kind, text.into(), None, Some(action));
    }

    fn push_toast(
        &self,
        kind: ToastKind,
        text: String,
        request_id: Option<String>,
        action: Option<ToastAction>,
    ) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                kind,
                text,
                request_id,
                action,
            });
            // A burst of failures must not bury the page.
            if l.len() > 4 {
                l.remove(0);
            }
        });
        let list = self.list;
        set_timeout(
            move || list.update(|l| l.retain(|t| t.id != id)),
            TOAST_LIFETIME,
        );
    }

    /// Shows what went wrong, in the backend's words when it gave any.
    pub fn error(&self, e: &ApiError) {
        self.push(
            ToastKind::Error,
            e.user_message(),
            e.request_id().map(str::to_string),
        );
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}
