//! «Написать отзыв»: the seed's rules checked as the shopper types, the draft kept in
//! sessionStorage across a sign-in, and every refusal explained in Russian.

use crate::api::commerce::catalog;
use crate::api::{ApiError, ErrorCode, IdempotencyKey};
use crate::domain::codes::ReviewStatus;
use crate::domain::review::{Problems, ReviewDraft, CONTENT_MAX, ITEM_MAX, LIST_MAX, TITLE_MAX};
use crate::routes::{current_path, strip_base, Route};
use crate::state::storage::{self, Key};
use crate::state::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// Version of the stored draft's format.
const DRAFT_VERSION: u32 = 1;

fn load_draft(id: &str) -> Option<ReviewDraft> {
    storage::read_record(&Key::review_draft(id), DRAFT_VERSION)
}

fn save_draft(id: &str, d: &ReviewDraft) {
    // Without storage the draft is lost on the way to sign-in; the shopper was told once.
    let _ = storage::write_record(&Key::review_draft(id), DRAFT_VERSION, d);
}

fn drop_draft(id: &str) {
    storage::remove(&Key::review_draft(id));
}

/// Field problems from a 400 `details`, under the same names as the form's own checks.
fn server_problems(e: &ApiError) -> Problems {
    let Some(b) = e.backend() else {
        return Vec::new();
    };
    ["rating", "title", "content", "pros", "cons"]
        .iter()
        .filter_map(|f| b.field(f).map(|m| (*f, m.join(" "))))
        .collect()
}

/// What a refusal means for this shopper, in their words.
fn refusal(e: &ApiError) -> String {
    match e.code() {
        Some(ErrorCode::NotPurchased) => {
            "Отзыв можно оставить только о товаре, который вы купили в нашем магазине.".into()
        }
        Some(ErrorCode::AlreadyReviewed) => {
            "Вы уже оставили отзыв об этом товаре — спасибо!".into()
        }
        Some(ErrorCode::ProductNotFound) => "Этот товар больше не продаётся.".into(),
        _ => e.user_message(),
    }
}

/// A list of up to five short lines (pros or cons).
#[component]
fn ItemList(
    label: &'static str,
    name: &'static str,
    items: RwSignal<Vec<String>>,
) -> impl IntoView {
    let len = Memo::new(move |_| items.with(Vec::len));
    view! {
        <fieldset class="review-form__items">
            <legend>{label}</legend>
            // Rebuilt only when an item is added or removed, so typing keeps the focus.
            {move || (0..len.get()).map(|i| view! {
                <div class="review-form__item">
                    <input
                        class="field__input"
                        type="text"
                        aria-label=format!("{label}, пункт {}", i + 1)
                        data-testid=format!("{name}-{i}")
                        prop:value=move || items.with(|v| v.get(i).cloned().unwrap_or_default())
                        on:input=move |ev| items.update(|v| if let Some(x) = v.get_mut(i) { *x = event_target_value(&ev) })
                    />
                    <button type="button" class="link-button" aria-label="Убрать пункт" on:click=move |_| items.update(|v| { if i < v.len() { v.remove(i); } })>"×"</button>
                </div>
            }).collect_view()}
            <Show when=move || len.get() < LIST_MAX>
                <button type="button" class="link-button" data-testid=format!("{name}-add") on:click=move |_| items.update(|v| v.push(String::new()))>
                    "+ Добавить"
                </button>
            </Show>
            <p class="field__hint">{format!("До {LIST_MAX} пунктов, каждый до {ITEM_MAX} символов")}</p>
        </fieldset>
    }
}

/// The «Написать отзыв» button and form on a product page.
#[component]
pub fn ReviewForm(id: Memo<String>, on_created: Callback<()>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();
    let saved = load_draft(&id.get_untracked());
    let open = RwSignal::new(saved.is_some());
    let d = saved.unwrap_or_default();
    let rating = RwSignal::new(d.rating);
    let title = RwSignal::new(d.title);
    let content = RwSignal::new(d.content);
    let pros = RwSignal::new(d.pros);
    let cons = RwSignal::new(d.cons);
    let tried = RwSignal::new(false);
    let server = RwSignal::new(Problems::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let created = RwSignal::new(None::<ReviewStatus>);
    // One key per draft: a retry after a lost answer cannot post the review twice.
    let key = StoredValue::new(IdempotencyKey::new());

    let draft = move || ReviewDraft {
        rating: rating.get(),
        title: title.get(),
        content: content.get(),
        pros: pros.get(),
        cons: cons.get(),
    };
    // Every change makes a new request, and forgets what the server said of the old one.
    Effect::new(move |first: Option<()>| {
        draft();
        if first.is_some() {
            key.set_value(IdempotencyKey::new());
            server.set(Vec::new());
        }
    });
    let problems = Memo::new(move |_| {
        let mut p = if tried.get() {
            draft().problems()
        } else {
            Vec::new()
        };
        p.extend(server.get());
        p
    });
    let problem = move |field: &'static str| {
        move || {
            problems.with(|p| {
                p.iter()
                    .filter(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        }
    };
    let has =
        move |field: &'static str| move || problems.with(|p| p.iter().any(|(f, _)| *f == field));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        failure.set(None);
        let d = draft();
        if !d.problems().is_empty() {
            return;
        }
        let pid = id.get_untracked();
        let back = strip_base(&format!(
            "{}{}#reviews",
            location.pathname.get_untracked(),
            location.search.get_untracked()
        ));
        let to_signin = {
            let navigate = navigate.clone();
            move |reason: &str| {
                save_draft(&pid, &d);
                let to = Route::SignIn {
                    next: Some(back.clone()),
                    expired: reason == "expired",
                };
                navigate(&to.path(), Default::default());
            }
        };
        if !session.is_signed_in() {
            to_signin("");
            return;
        }
        busy.set(true);
        let ep = session.commerce();
        let d = draft();
        let pid = id.get_untracked();
        let k = key.get_value();
        leptos::task::spawn_local(async move {
            match catalog::create_review(&ep, &pid, &d, &k).await {
                Ok(r) => {
                    drop_draft(&pid);
                    created.set(Some(r));
                    on_created.run(());
                }
                Err(ApiError::Unauthorized(_)) => {
                    session.expired();
                    to_signin("expired");
                }
                Err(e) => {
                    let fields = server_problems(&e);
                    if fields.is_empty() {
                        failure.set(Some(refusal(&e)));
                    } else {
                        failure.set(Some("Исправьте отмеченные поля.".into()));
                        server.set(fields);
                    }
                }
            }
            busy.set(false);
        });
    };
    let content_len = move || content.with(|c| c.trim().chars().count());
    let title_len = move || title.with(|t| t.trim().chars().count());

    view! {
        <div class="review-form" id="write-review">
            {move || match created.get() {
                Some(r) => view! {
                    <div class="review-form__done" role="status" data-testid="review-created">
                        <strong>"Спасибо за отзыв!"</strong>
                        {if r == ReviewStatus::Pending {
                            " Он на модерации и появится у всех после проверки."
                        } else {
                            " Он уже опубликован."
                        }}
                    </div>
                }.into_any(),
                None if !open.get() => view! {
                    <button type="button" class="btn" data-testid="write-review" on:click=move |_| open.set(true)>"Написать отзыв"</button>
                }.into_any(),
                None => view! {
                    <form class="review-form__form" on:submit=submit.clone() novalidate data-testid="review-form">
                        <h3 class="review-form__title">"Ваш отзыв"</h3>
                        <fieldset class="review-form__rating" aria-describedby="rating-problem">
                            <legend>"Оценка"</legend>
                            {(1..=5u8).map(|n| view! {
                                <label class="star-pick" class:star-pick--on={move || rating.get() >= n}>
                                    <input
                                        type="radio"
                                        name="rating"
                                        value=n.to_string()
                                        data-testid=format!("rate-{n}")
                                        prop:checked=move || rating.get() == n
                                        on:change=move |_| rating.set(n)
                                    />
                                    <span aria-hidden="true">"★"</span>
                                    <span class="visually-hidden">{format!("{n} из 5")}</span>
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <p class="field__problem" id="rating-problem" data-testid="problem-rating">{problem("rating")}</p>
                        <label class="field">
                            <span class="field__label">"Заголовок " <span class="field__optional">"(необязательно)"</span></span>
                            <input
                                class="field__input"
                                type="text"
                                data-testid="review-title"
                                aria-invalid=move || has("title")().to_string()
                                prop:value=move || title.get()
                                on:input=move |ev| title.set(event_target_value(&ev))
                            />
                            <span class="field__count">{move || format!("{} / {TITLE_MAX}", title_len())}</span>
                        </label>
                        <p class="field__problem" data-testid="problem-title">{problem("title")}</p>
                        <label class="field">
                            <span class="field__label">"Текст отзыва"</span>
                            <textarea
                                class="field__input field__input--area"
                                rows="5"
                                data-testid="review-content"
                                aria-invalid=move || has("content")().to_string()
                                prop:value=move || content.get()
                                on:input=move |ev| content.set(event_target_value(&ev))
                            ></textarea>
                            <span class="field__count">{move || format!("{} / {CONTENT_MAX}", content_len())}</span>
                        </label>
                        <p class="field__problem" data-testid="problem-content">{problem("content")}</p>
                        <div class="review-form__lists">
                            <ItemList label="Достоинства" name="pros" items=pros/>
                            <ItemList label="Недостатки" name="cons" items=cons/>
                        </div>
                        <p class="field__problem" data-testid="problem-pros">{problem("pros")}</p>
                        <p class="field__problem" data-testid="problem-cons">{problem("cons")}</p>
                        {move || failure.get().map(|m| view! { <p class="form-error" role="alert" data-testid="review-error">{m}</p> })}
                        <div class="review-form__actions">
                            <button class="btn" type="submit" disabled=move || busy.get() data-testid="review-submit">
                                {move || if busy.get() { "Отправляем…" } else if session.is_signed_in() { "Отправить отзыв" } else { "Войти и отправить" }}
                            </button>
                            <button type="button" class="btn btn--ghost" on:click=move |_| open.set(false)>"Отмена"</button>
                        </div>
                        <p class="field__hint">"Отзыв появится после проверки модератором."</p>
                    </form>
                }.into_any(),
            }}
            {move || (!session.is_signed_in()).then(|| view! {
                <p class="field__hint">"Отзывы пишут покупатели. " <a href=move || Route::sign_in_to(&current_path()).href()>"Войдите"</a>", чтобы оставить свой."</p>
            })}
        </div>
    }
}
