//! Step 1: a saved address, or a new one with seed 001's fields, checked beside each field,
//! saved through `POST /addresses` and then checked by the partner API.

use super::CheckoutState;
use crate::api::commerce::checkout as api;
use crate::api::{partner, IdempotencyKey};
use crate::components::error_panel::ErrorPanel;
use crate::domain::checkout::address::{form_field, FIELDS};
use crate::domain::checkout::explain::Where;
use crate::domain::codes::ShippingKind;
use leptos::prelude::*;

/// Loads the saved addresses and picks one if nothing is chosen yet.
fn load(ck: CheckoutState) {
    ck.addresses.set(None);
    let ep = ck.session.commerce();
    leptos::task::spawn_local(async move {
        let r = api::addresses(&ep).await;
        if let Err(e) = &r {
            ck.session.refused(e);
        }
        if let Ok(list) = &r {
            ck.draft.update(|d| {
                let known = d
                    .address_id
                    .as_ref()
                    .is_some_and(|id| list.iter().any(|a| &a.id == id));
                if !known {
                    d.address_id = list.first().map(|a| a.id.clone());
                }
                if list.is_empty() {
                    d.adding_address = true;
                }
            });
        }
        ck.addresses.try_set(Some(r));
    });
}

/// Asks the partner API whether the chosen address can be delivered to.
fn follow_check(ck: CheckoutState) {
    Effect::new(move |_| {
        let Some(a) = ck.address() else {
            ck.deliverable.set(None);
            return;
        };
        let Some(kladr) = a.kladr_code.clone() else {
            ck.deliverable.set(None);
            return;
        };
        let ep = ck.session.partner();
        leptos::task::spawn_local(async move {
            // A failed check does not block: checkout itself refuses a bad address.
            let ok = partner::address_check(&ep, &kladr).await.ok();
            if ck.address().is_some_and(|now| now.id == a.id) {
                ck.deliverable.try_set(ok);
            }
        });
    });
}

#[component]
pub fn AddressSection(ck: CheckoutState) -> impl IntoView {
    load(ck);
    follow_check(ck);
    let adding = Memo::new(move |_| ck.draft.with(|d| d.adding_address));
    view! {
        <section class="checkout-step" aria-labelledby="step-address" data-testid="step-address">
            <h2 class="checkout-step__title" id="step-address">"1. Получатель и адрес"</h2>
            {move || ck.problem_at(Where::Address).map(|t| view! {
                <p class="form-error" role="alert" data-testid="address-problem">{t}</p>
            })}
            {move || match ck.addresses.get() {
                None => view! { <p class="checkout-wait" role="status">"Загружаем ваши адреса…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorPanel error=e title="Не удалось загрузить адреса" on_retry=Callback::new(move |_| load(ck))/> }.into_any(),
                Some(Ok(list)) => view! {
                    <fieldset class="choices" disabled=move || !ck.editable()>
                        <legend class="visually-hidden">"Адрес доставки"</legend>
                        {list.into_iter().map(|a| {
                            let id = a.id.clone();
                            let id2 = a.id.clone();
                            view! {
                                <label class="choice">
                                    <input type="radio" name="address" value=a.id.clone()
                                        prop:checked=move || ck.draft.with(|d| !d.adding_address && d.address_id.as_deref() == Some(id.as_str()))
                                        on:change=move |_| choose(ck, Some(&id2))/>
                                    <span class="choice__body">
                                        <span class="choice__title">{a.one_line()}</span>
                                        <span class="choice__meta">{format!("{}, {}", a.recipient_name, a.recipient_phone)}</span>
                                    </span>
                                </label>
                            }
                        }).collect_view()}
                        <label class="choice">
                            <input type="radio" name="address" value="new" data-testid="address-new"
                                prop:checked=move || adding.get()
                                on:change=move |_| choose(ck, None)/>
                            <span class="choice__body"><span class="choice__title">"Новый адрес"</span></span>
                        </label>
                    </fieldset>
                }.into_any(),
            }}
            {move || adding.get().then(|| view! { <NewAddress ck=ck/> })}
            {move || (ck.deliverable.get() == Some(false) && !adding.get()).then(|| view! {
                <p class="checkout-note checkout-note--warn" role="status" data-testid="not-deliverable">
                    "Сюда мы не доставляем — заберите заказ в магазине. "
                    <button type="button" class="link-button" on:click=move |_| choose_pickup(ck)>"Выбрать самовывоз"</button>
                </p>
            })}
        </section>
    }
}

/// Another address, or the new-address form (`None`): the method priced for the old one goes.
fn choose(ck: CheckoutState, id: Option<&str>) {
    let kind = ck.kind();
    ck.draft.update(|d| d.choose_address(id, kind.as_ref()));
}

/// Switches to the first pickup method on offer.
fn choose_pickup(ck: CheckoutState) {
    let id = ck.methods.with(|m| {
        m.as_ref().and_then(|r| r.as_ref().ok()).and_then(|l| {
            l.iter()
                .find(|x| x.m.kind == ShippingKind::Pickup)
                .map(|x| x.m.id.clone())
        })
    });
    if let Some(id) = id {
        ck.draft.update(|d| d.choose_method(&id));
    }
}

#[component]
fn NewAddress(ck: CheckoutState) -> impl IntoView {
    let tried = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let general = RwSignal::new(None::<String>);
    let problems = Memo::new(move |_| ck.draft.with(|d| d.new_address.problems()));
    let problem_of = move |f: &str| {
        let local = tried
            .get()
            .then(|| problems.with(|p| p.iter().find(|(k, _)| *k == f).map(|(_, m)| m.clone())))
            .flatten();
        local.or_else(|| {
            server_errors.with(|s| s.iter().find(|(k, _)| *k == f).map(|(_, m)| m.clone()))
        })
    };

    let save = move || {
        tried.set(true);
        if saving.get_untracked() {
            return;
        }
        if let Some((first, _)) = problems.get_untracked().first() {
            focus(&format!("addr-{first}"));
            return;
        }
        let dto = ck.draft.with_untracked(|d| d.new_address.to_dto());
        saving.set(true);
        general.set(None);
        server_errors.set(Vec::new());
        let ep = ck.session.commerce();
        leptos::task::spawn_local(async move {
            let key = IdempotencyKey::new();
            match api::save_address(&ep, &dto, &key).await {
                Ok(saved) => {
                    let id = saved.id.clone();
                    ck.addresses.update(|a| {
                        if let Some(Ok(list)) = a {
                            list.push(saved);
                        }
                    });
                    choose(ck, Some(&id));
                    ck.draft.update(|d| d.new_address = Default::default());
                    ck.problem.update(|p| {
                        if p.as_ref().is_some_and(|p| p.at == Where::Address) {
                            *p = None
                        }
                    });
                }
                Err(e) => {
                    ck.session.refused(&e);
                    let fields: Vec<(&'static str, String)> = e
                        .backend()
                        .map(|b| {
                            b.details
                                .iter()
                                .filter_map(|(k, m)| form_field(k).map(|f| (f, m.join(" "))))
                                .collect()
                        })
                        .unwrap_or_default();
                    if fields.is_empty() {
                        general.set(Some(e.user_message()));
                    } else {
                        focus(&format!("addr-{}", fields[0].0));
                        server_errors.set(fields);
                    }
                }
            }
            saving.try_set(false);
        });
    };

    view! {
        <form class="address-form" novalidate data-testid="address-form"
            on:submit=move |ev| { ev.prevent_default(); save(); }>
            <div class="address-form__grid">
                {FIELDS.iter().map(|(field, label)| {
                    let field: &'static str = field;
                    let id = format!("addr-{field}");
                    let err_id = format!("addr-{field}-error");
                    let required = matches!(field, "recipient_name" | "recipient_phone" | "index" | "city" | "street" | "building");
                    let wide = matches!(field, "recipient_name" | "street" | "notes");
                    let (kind, mode, auto, max) = match field {
                        "recipient_phone" => ("tel", "tel", "tel", 18),
                        "index" => ("text", "numeric", "postal-code", 6),
                        "recipient_name" => ("text", "text", "name", 120),
                        "city" => ("text", "text", "address-level2", 120),
                        "region" => ("text", "text", "address-level1", 120),
                        "notes" => ("text", "text", "off", 500),
                        _ => ("text", "text", "off", 120),
                    };
                    let err_id2 = err_id.clone();
                    view! {
                        <div class="field" class:field--wide=wide>
                            <label class="field__label" for=id.clone()>
                                {*label}
                                {(!required).then(|| view! { <span class="field__optional">" — необязательно"</span> })}
                            </label>
                            <input class="field__input" id=id name=field type=kind inputmode=mode autocomplete=auto maxlength=max
                                aria-required=required.to_string()
                                aria-invalid=move || problem_of(field).is_some().to_string()
                                aria-describedby=err_id2
                                prop:value=move || ck.draft.with(|d| d.new_address.get(field).to_string())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    server_errors.update(|s| s.retain(|(k, _)| *k != field));
                                    ck.draft.update(|d| d.new_address.set(field, v));
                                }/>
                            <p class="field__problem" id=err_id data-testid=format!("problem-{field}")>{move || problem_of(field)}</p>
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || general.get().map(|g| view! { <p class="form-error" role="alert">{g}</p> })}
            <div class="address-form__actions">
                <button type="submit" class="btn" data-testid="address-save" prop:disabled=move || saving.get()>
                    {move || if saving.get() { "Сохраняем…" } else { "Сохранить адрес" }}
                </button>
                {move || ck.addresses.with(|a| a.as_ref().is_some_and(|r| r.as_ref().is_ok_and(|l| !l.is_empty()))).then(|| view! {
                    <button type="button" class="btn btn--ghost" on:click=move |_| {
                        let back = ck.draft.with_untracked(|d| d.address_id.clone());
                        choose(ck, back.as_deref());
                    }>"Отмена"</button>
                })}
            </div>
            {move || (tried.get() && !problems.with(Vec::is_empty)).then(|| view! {
                <p class="visually-hidden" role="alert">{move || format!("Проверьте поля: {}", problems.with(|p| p.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>().join("; ")))}</p>
            })}
        </form>
    }
}

/// Moves focus to an element by id (the first field with a problem).
pub(crate) fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
