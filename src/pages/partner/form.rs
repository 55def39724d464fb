//! The cabinet's forms (an organization, a withdrawal): fields with their problems beside
//! them, one request per press. What is typed lives in this form's signals only — never in
//! storage, the URL or a draft — and is gone when the page is left.

use crate::api::ApiError;
use crate::state::Session;
use leptos::prelude::*;

/// One of two ways (a company or a person): `second` is `true` when the second is chosen.
pub(super) fn two_ways(
    legend: &'static str,
    name: &'static str,
    second: RwSignal<bool>,
    (a, b): (&'static str, &'static str),
) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend class="field__label">{legend}</legend>
            <label><input type="radio" name=name prop:checked=move || !second.get() on:change=move |_| second.set(false)/>" "{a}</label>
            " "
            <label><input type="radio" name=name prop:checked=move || second.get() on:change=move |_| second.set(true)/>" "{b}</label>
        </fieldset>
    }
}

/// A list's date filter: the URL's `get`, a change → `set` (empty → none).
pub(super) fn date_filter(
    label: &'static str,
    id: &'static str,
    get: impl Fn() -> Option<String> + Send + Sync + 'static,
    set: impl Fn(Option<String>) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            <input class="field__input" type="date" id=id
                prop:value=move || get().unwrap_or_default()
                on:change=move |ev| set(Some(event_target_value(&ev)).filter(|v| !v.is_empty()))/>
        </div>
    }
}

/// How a field is typed: input type, keyboard, autocomplete, longest value.
#[derive(Clone, Copy)]
pub(super) struct Kind(
    pub &'static str,
    pub &'static str,
    pub &'static str,
    pub u32,
);

pub(super) const TEXT: Kind = Kind("text", "text", "off", 200);
/// Requisites and documents: digits, nothing remembered by the browser.
pub(super) const DIGITS: Kind = Kind("text", "numeric", "off", 24);

#[derive(Clone, Copy)]
pub(super) struct Form {
    values: RwSignal<Vec<(&'static str, String)>>,
    problems: RwSignal<Vec<(&'static str, &'static str)>>,
    /// What the backend said, above the button.
    pub general: RwSignal<Option<String>>,
    pub sending: RwSignal<bool>,
}

impl Form {
    pub fn new() -> Self {
        Form {
            values: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            general: RwSignal::new(None),
            sending: RwSignal::new(false),
        }
    }

    pub fn get(&self, key: &str) -> String {
        self.values
            .with_untracked(|v| v.iter().find(|(k, _)| *k == key).map(|(_, x)| x.clone()))
            .unwrap_or_default()
    }

    pub fn set(&self, key: &'static str, value: String) {
        self.values.update(|v| {
            v.retain(|(k, _)| *k != key);
            v.push((key, value));
        });
        self.problems.update(|p| p.retain(|(k, _)| *k != key));
    }

    /// Forgets everything typed (after the request is made).
    pub fn clear(&self) {
        self.values.set(Vec::new());
        self.problems.set(Vec::new());
    }

    fn problem(&self, key: &str) -> Option<&'static str> {
        self.problems
            .with(|p| p.iter().find(|(k, _)| *k == key).map(|(_, m)| *m))
    }

    /// Sets the problems found; `true` when there are none. Focus goes to the first.
    pub fn check(&self, found: Vec<(&'static str, Option<&'static str>)>) -> bool {
        let found: Vec<_> = found
            .into_iter()
            .filter_map(|(k, p)| p.map(|p| (k, p)))
            .collect();
        if let Some((first, _)) = found.first() {
            if let Some(el) = document().get_element_by_id(&format!("pf-{first}")) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
        let ok = found.is_empty();
        self.problems.set(found);
        ok
    }

    /// A refusal said above the button (a lost session goes to sign-in).
    pub fn refused(&self, session: Session, e: &ApiError, text: Option<&str>) {
        session.refused(e);
        self.general
            .try_set(Some(text.map_or_else(|| e.user_message(), str::to_string)));
    }

    /// A labelled input whose problem is said beside it.
    pub fn field(self, key: &'static str, label: &'static str, kind: Kind) -> impl IntoView {
        let id = format!("pf-{key}");
        let err = format!("pf-{key}-problem");
        let Kind(ty, mode, auto, max) = kind;
        view! {
            <div class="field">
                <label class="field__label" for=id.clone()>{label}</label>
                <input class="field__input" id=id name=key type=ty inputmode=mode autocomplete=auto maxlength=max
                    aria-invalid=move || self.problem(key).is_some().to_string()
                    aria-describedby=err.clone()
                    prop:value=move || self.values.with(|v| v.iter().find(|(k, _)| *k == key).map(|(_, x)| x.clone()).unwrap_or_default())
                    on:input=move |ev| self.set(key, event_target_value(&ev))/>
                <p class="field__problem" id=err data-testid=format!("problem-{key}")>{move || self.problem(key)}</p>
            </div>
        }
    }

    /// The backend's refusal above the button, and the button.
    pub fn submit(
        self,
        idle: &'static str,
        busy: &'static str,
        testid: &'static str,
    ) -> impl IntoView {
        view! {
            {move || self.general.get().map(|g| view! { <p class="form-error" role="alert" data-testid="form-error">{g}</p> })}
            <button type="submit" class="btn" data-testid=testid prop:disabled=move || self.sending.get()>
                {move || if self.sending.get() { busy } else { idle }}
            </button>
        }
    }
}
