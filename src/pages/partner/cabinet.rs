//! The cabinet's overview: who the partner is, the level and what is left to the next one,
//! the bonus balance (a mounter's), support contacts (a dealer's), organizations — added
//! with their INN and KPP checked before sending, removed after a second press.

use super::form::{two_ways, Form, DIGITS, TEXT};
use super::payout::{self, Outcome};
use super::Profile;
use crate::api::partner::cabinet;
use crate::api::ApiError;
use crate::components::readable::{local_time_iso, tel};
use crate::domain::codes::OrganizationKind;
use crate::domain::money::rub_text;
use crate::domain::partner::cabinet::{Manager, Organization, PartnerProfile};
use crate::domain::partner::level::progress;
use crate::domain::partner::requisites::{inn_problem, kpp_problem, InnOf};
use crate::domain::phone::display;
use crate::routes::Route;
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;

fn manager(role: &'static str, m: Option<Manager>) -> impl IntoView {
    m.filter(|m| !m.phone.is_empty()).map(|m| {
        view! {
            <dt>{role}</dt>
            <dd data-testid="manager">{m.name.map(|n| format!("{n}, "))}{tel(&m.phone)}</dd>
        }
    })
}

#[component]
pub(super) fn Overview() -> impl IntoView {
    let profile = expect_context::<Profile>();
    let session = use_session();
    let levels = resource(move || {
        let ep = session.partner();
        Box::pin(async move { cabinet::levels(&ep).await })
    });
    // The form stays outside what a re-read profile redraws.
    view! {
        {move || {
            let Some(Ok(p)) = profile.data.get() else {
                return None;
            };
            Some(view! { {summary(&p, levels)} {support(&p)} <Organizations list=p.organizations.clone()/> })
        }}
        <AddOrganization/>
    }
}

fn summary(
    p: &PartnerProfile,
    levels: LocalResource<Result<Vec<crate::domain::partner::level::Level>, ApiError>>,
) -> impl IntoView {
    let level = p.level.clone();
    let balance = p.bonus_balance;
    view! {
        <section class="checkout-step" aria-labelledby="pc-level" data-testid="partner-level">
            <h2 class="checkout-step__title" id="pc-level">"Уровень и покупки"</h2>
            <dl class="facts">
                <dt>"Кто вы"</dt><dd data-testid="partner-type">{p.kind.word()}</dd>
                <dt>"Телефон"</dt><dd>{display(&p.phone)}</dd>
                {level.clone().map(|l| view! {
                    <dt>"Уровень"</dt><dd data-testid="level-title">{l.current.title.clone()}</dd>
                    {l.purchase_amount.map(|a| view! { <dt>"Покупки за период"</dt><dd>{rub_text(a)}</dd> })}
                    {l.recalculation_date.clone().map(|d| view! { <dt>"Пересчёт уровня"</dt><dd>{local_time_iso(&d, false)}</dd> })}
                })}
            </dl>
            {move || {
                let l = level.clone()?;
                let all: Vec<_> = levels.get().and_then(Result::ok).unwrap_or_default();
                let p = progress(&all, &l.current, l.purchase_amount)?;
                let text = match &p.next {
                    Some((title, left)) if left.is_zero() => format!("Покупок хватает для уровня «{title}» — он наступит после пересчёта."),
                    Some((title, left)) => format!("Ещё {} до уровня «{title}».", rub_text(*left)),
                    None => "Это высший уровень.".to_string(),
                };
                Some(view! {
                    <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                        aria-valuenow=p.percent.to_string() aria-label="Путь к следующему уровню">
                        <span class="progress__bar" style:width=format!("{}%", p.percent)></span>
                    </div>
                    <p data-testid="level-progress">{text}</p>
                })
            }}
        </section>
        {balance.map(|b| view! {
            <section class="checkout-step" aria-labelledby="pc-balance" data-testid="partner-balance">
                <h2 class="checkout-step__title" id="pc-balance">"Бонусный баланс"</h2>
                <div class="partner-balance" data-testid="balance">{rub_text(b)}</div>
                <p class="partner-links">
                    <a href=Route::PartnerHistory(Default::default()).href()>"История начислений"</a>
                    <a class="btn" href=Route::PartnerWithdrawals(Default::default()).href()>"Вывести бонусы"</a>
                </p>
            </section>
        })}
    }
}

fn support(p: &PartnerProfile) -> impl IntoView {
    p.support.clone().map(|s| {
        view! {
            <section class="checkout-step" aria-labelledby="pc-support" data-testid="support">
                <h2 class="checkout-step__title" id="pc-support">"Ваша поддержка"</h2>
                <dl class="facts">
                    {manager("Региональный представитель", s.regional_manager)}
                    {manager("Персональный менеджер", s.personal_manager)}
                    {manager("Офис-менеджер", s.office_manager)}
                </dl>
            </section>
        }
    })
}

#[component]
fn Organizations(list: Vec<Organization>) -> impl IntoView {
    let profile = expect_context::<Profile>();
    let session = use_session();
    let asking = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let remove = move |org: String| {
        leptos::task::spawn_local(async move {
            let ep = session.partner();
            match cabinet::remove_organization(&ep, &profile.id.get_value(), &org).await {
                Ok(()) | Err(ApiError::NotFound(_)) => profile.data.refetch(),
                Err(e) => {
                    session.refused(&e);
                    problem.set(Some(e.user_message()));
                }
            }
        });
    };
    let empty = list.is_empty();
    view! {
        <section class="checkout-step" aria-labelledby="pc-orgs" data-testid="organizations">
            <h2 class="checkout-step__title" id="pc-orgs">"Организации"</h2>
            {empty.then(|| view! { <p class="checkout-wait">"Организаций пока нет: добавьте, чтобы покупать и выводить бонусы на юрлицо или ИП."</p> })}
            <ul class="orders-list">
                {list.into_iter().map(|o| {
                    let id = o.id.clone();
                    let name = o.name.clone();
                    view! {
                        <li class="order-row" data-testid="organization">
                            <span class="order-row__number">{o.name.clone()}</span>
                            <span class="order-row__date">{o.kind.word()}</span>
                            <span class="order-row__count">{format!("ИНН {}", o.inn)}{o.kpp.clone().map(|k| format!(" · КПП {k}"))}</span>
                            <span class="order-row__count">{o.legal_address.clone()}{o.actual_address.clone().filter(|a| !a.is_empty()).map(|a| format!("; фактический: {a}"))}</span>
                            {move || if asking.get().as_deref() == Some(id.as_str()) {
                                let id = id.clone();
                                view! {
                                    <span class="partner-links">{format!("Удалить «{name}»?")}
                                        <button type="button" class="btn btn--danger" data-testid="remove-yes" on:click=move |_| remove(id.clone())>"Удалить"</button>
                                        <button type="button" class="btn btn--ghost" on:click=move |_| asking.set(None)>"Оставить"</button>
                                    </span>
                                }.into_any()
                            } else {
                                let id = id.clone();
                                view! { <button type="button" class="btn btn--ghost" data-testid="remove" on:click=move |_| asking.set(Some(id.clone()))>"Удалить"</button> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
        </section>
    }
}

#[component]
fn AddOrganization() -> impl IntoView {
    let profile = expect_context::<Profile>();
    let session = use_session();
    let form = Form::new();
    let individual = RwSignal::new(false);
    let open = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    // The INN of an add whose answer was lost: a 409 for it means it is there.
    let lost = RwSignal::new(None::<String>);
    let alive = crate::timer::alive();
    let send = move || {
        if form.sending.get_untracked() {
            return;
        }
        let ip = individual.get_untracked();
        let kpp = form.get("kpp");
        let ok = form.check(vec![
            (
                "org-name",
                form.get("org-name")
                    .trim()
                    .is_empty()
                    .then_some("Укажите название."),
            ),
            (
                "org-inn",
                inn_problem(
                    &form.get("org-inn"),
                    if ip { InnOf::Person } else { InnOf::Legal },
                ),
            ),
            (
                "kpp",
                if ip && kpp.trim().is_empty() {
                    None
                } else {
                    kpp_problem(&kpp)
                },
            ),
            (
                "legal-address",
                form.get("legal-address")
                    .trim()
                    .is_empty()
                    .then_some("Укажите юридический адрес."),
            ),
        ]);
        if !ok {
            return;
        }
        let actual = form.get("actual-address");
        let org = Organization {
            kind: if ip {
                OrganizationKind::Individual
            } else {
                OrganizationKind::Legal
            },
            name: form.get("org-name").trim().to_string(),
            inn: form.get("org-inn").trim().to_string(),
            kpp: Some(kpp.trim().to_string()).filter(|k| !k.is_empty()),
            legal_address: form.get("legal-address").trim().to_string(),
            actual_address: Some(actual.trim().to_string()).filter(|a| !a.is_empty()),
            ..Organization::default()
        };
        form.sending.set(true);
        form.general.set(None);
        added.set(None);
        let alive = alive.clone();
        leptos::task::spawn_local(async move {
            let ep = session.partner();
            let was_lost = lost.get_untracked();
            let id = profile.id.get_value();
            let (outcome, unsure) =
                payout::add_organization(&ep, &id, &org, was_lost.as_deref(), &alive).await;
            if matches!(outcome, Outcome::Left) {
                return;
            }
            lost.try_set(unsure.then(|| org.inn.clone()));
            form.sending.try_set(false);
            match outcome {
                Outcome::Made => {
                    form.clear();
                    open.try_set(false);
                    added.try_set(Some(format!("Организация «{}» добавлена.", org.name)));
                    profile.data.refetch();
                }
                Outcome::NotMade => {
                    form.general.try_set(Some("Ответ не пришёл, и в кабинете такой организации нет — она не добавлена. Добавьте её ещё раз.".into()));
                }
                Outcome::Refused(e) => {
                    let text = matches!(e, ApiError::Conflict(_))
                        .then_some("Организация с таким ИНН уже есть в кабинете.");
                    form.refused(session, &e, text);
                }
                Outcome::Left => {}
            }
        });
    };
    view! {
        {move || added.get().map(|a| view! { <p class="checkout-note" role="status" data-testid="organization-added">{a}</p> })}
        <details class="partner-add checkout-step" data-testid="add-organization" prop:open=open
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary class="btn btn--ghost">"Добавить организацию"</summary>
            <form class="address-form" novalidate on:submit=move |ev| { ev.prevent_default(); send(); }>
                {two_ways("Кто", "org-type", individual, ("Юридическое лицо", "ИП"))}
                <div class="partner-form">
                    {form.field("org-name", "Название", TEXT)}
                    {form.field("org-inn", "ИНН", DIGITS)}
                    {move || (!individual.get()).then(|| form.field("kpp", "КПП", DIGITS))}
                    {form.field("legal-address", "Юридический адрес", TEXT)}
                    {form.field("actual-address", "Фактический адрес — если другой", TEXT)}
                </div>
                {form.submit("Добавить", "Добавляем…", "org-send")}
            </form>
        </details>
    }
}
