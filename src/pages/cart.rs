//! `/cart`: lines with steppers, the server's totals, partner estimates, stock warnings,
//! lines refused at sign-in, and a clear-all that asks first.

use crate::domain::attributes;
use crate::domain::cart::{subtotal, total_quantity, CartLine, LineKey};
use crate::domain::catalog::products_count_label;
use crate::domain::money::rub_text as rub;
use crate::routes::Route;
use crate::state::cart::use_cart;
use crate::state::use_session;
use leptos::prelude::*;
use leptos_meta::Title;
use rust_decimal::Decimal;

#[component]
pub fn CartPage() -> impl IntoView {
    let cart = use_cart();
    let session = use_session();
    cart.refresh_guest();
    // Memos, so the page frame is rebuilt only when it changes between loading, empty and
    // lines — not on every quantity change (which would redraw every line and lose focus).
    let is_empty = Memo::new(move |_| cart.lines().with(Vec::is_empty));
    let loading = Memo::new(move |_| cart.is_loading() && is_empty.get());
    let failed = Memo::new(move |_| session.is_signed_in() && cart.load_failed());
    let confirm_clear = RwSignal::new(false);

    view! {
        <Title text="Корзина"/>
        <h1 class="page-title">"Корзина"</h1>
        {move || cart.notice().map(|n| view! {
            <p class="cart-notice" role="status" data-testid="cart-notice">
                {n}
                <button type="button" class="link-button" on:click=move |_| cart.dismiss_notice()>"Понятно"</button>
            </p>
        })}
        {move || failed.get().then(|| view! {
            <p class="cart-failed" role="alert" data-testid="cart-load-failed">
                "Не удалось получить корзину из аккаунта — возможно, пропала связь. "
                <button type="button" class="link-button" on:click=move |_| cart.retry_load() data-testid="cart-retry">"Повторить"</button>
            </p>
        })}
        <RefusedLines/>
        {move || {
            if loading.get() {
                view! { <p class="cart-loading" role="status">"Загружаем корзину…"</p> }.into_any()
            } else if is_empty.get() && failed.get() {
                // Not «empty»: we do not know what is in it.
                ().into_any()
            } else if is_empty.get() {
                view! {
                    <section class="cart-empty" data-testid="cart-empty">
                        <p class="cart-empty__title">"В корзине пока ничего нет"</p>
                        <p>"Загляните в каталог — там новинки и хиты продаж."</p>
                        <a class="btn" href=Route::catalog().href()>"Перейти в каталог"</a>
                    </section>
                }.into_any()
            } else {
                view! {
                    <div class="cart">
                        <section class="cart__lines" aria-label="Товары в корзине">
                            <div class="cart__toolbar">
                                <span data-testid="cart-count">{move || products_count_label(u64::from(cart.count()))}</span>
                                {move || if confirm_clear.get() {
                                    view! {
                                        <span class="cart__confirm" role="alertdialog" aria-label="Очистить корзину?">
                                            "Удалить все товары?"
                                            <button type="button" class="btn btn--danger" data-testid="clear-confirm" on:click=move |_| { confirm_clear.set(false); cart.clear(); }>"Да, очистить"</button>
                                            <button type="button" class="btn btn--ghost" on:click=move |_| confirm_clear.set(false)>"Отмена"</button>
                                        </span>
                                    }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="link-button" data-testid="clear-cart" on:click=move |_| confirm_clear.set(true)>"Очистить корзину"</button>
                                    }.into_any()
                                }}
                            </div>
                            <ul class="cart-lines">
                                <For
                                    each=move || cart.lines().with(|l| l.iter().map(|x| x.key.clone()).collect::<Vec<_>>())
                                    key=|k| k.clone()
                                    children=move |k| view! { <LineRow key=k/> }
                                />
                            </ul>
                        </section>
                        <Summary/>
                    </div>
                }.into_any()
            }
        }}
        {move || (!session.is_signed_in() && !is_empty.get()).then(|| view! {
            <p class="cart-guest-note">"Корзина сохранена на этом устройстве. Войдите — и она перейдёт в ваш аккаунт."</p>
        })}
    }
}

/// One line: picture, name, variant, price, stepper, total, remove, warnings. Built once
/// per line; only the parts that change are reactive, so a stepper button keeps its focus
/// (and its DOM node) while the quantity changes under it.
#[component]
fn LineRow(key: LineKey) -> impl IntoView {
    let cart = use_cart();
    let link = Route::product(&key.product_id).href();
    let dom = key.dom_id();
    let k = StoredValue::new(key);
    let line = Memo::new(move |_| {
        cart.lines()
            .with(|l| k.with_value(|k| l.iter().find(|x| &x.key == k).cloned()))
    });
    let read = move |f: fn(&CartLine) -> String| {
        move || line.with(|l| l.as_ref().map(f).unwrap_or_default())
    };
    let qty = move || line.with(|l| l.as_ref().map_or(1, |l| l.quantity));
    let step = move |delta: i64| {
        let q = (i64::from(qty()) + delta).max(1) as u32;
        k.with_value(|k| cart.set_quantity(k, q));
    };
    let busy = move || k.with_value(|k| cart.is_busy(k));
    // A line still on its way into the account cart cannot be changed yet.
    let pending_add =
        move || line.with(|l| l.as_ref().is_some_and(|l| l.server_id.is_none())) && busy();
    let minus_off = move || qty() <= 1 || pending_add();
    let plus_off = move || qty() >= crate::domain::cart::MAX_LINE_QUANTITY || pending_add();
    let error = move || k.with_value(|k| cart.error_for(k));
    let name = read(|l| l.display_name().to_string());
    let qty_label = move || format!("Количество «{}»", name());
    let attrs =
        read(|l| attributes::line(l.attributes.iter().map(|(a, v)| (a.as_str(), v.as_str()))));
    let thumb = move || line.with(|l| l.as_ref().and_then(|l| l.thumbnail.clone()));
    let compare_at = move || {
        line.with(|l| {
            l.as_ref()
                .and_then(|l| l.compare_at.filter(|c| *c > l.unit_price))
                .map(rub)
        })
    };
    let warning = move || line.with(|l| l.as_ref().and_then(CartLine::stock_warning));
    view! {
        <li class="cart-line" class:cart-line--busy=busy data-testid="cart-line" data-line=dom>
            <a class="cart-line__media" href=link.clone() tabindex="-1" aria-hidden="true">
                {move || thumb().map(|t| view! { <img src=t alt="" width="96" height="96" loading="lazy"/> })}
            </a>
            <div class="cart-line__info">
                <a class="cart-line__name" href=link data-testid="cart-line-name">{name}</a>
                {move || { let a = attrs(); (!a.is_empty()).then(|| view! { <p class="cart-line__attrs">{a}</p> }) }}
                <p class="cart-line__unit">
                    {read(|l| format!("{} / шт.", rub(l.unit_price)))}
                    {move || compare_at().map(|c| view! { <s class="price__old">{c}</s> })}
                </p>
                {move || warning().map(|w| view! { <p class="cart-line__warning" data-testid="stock-warning">{w}</p> })}
                {move || error().map(|e| view! { <p class="cart-line__error" role="alert" data-testid="line-error">{e}</p> })}
            </div>
            <div class="cart-line__qty">
                <div class="stepper" role="group" aria-label=qty_label>
                    <button type="button" class="stepper__btn" aria-label="Меньше" disabled=minus_off on:click=move |_| step(-1) data-testid="qty-minus">"−"</button>
                    <input
                        class="stepper__input"
                        type="number"
                        inputmode="numeric"
                        min="1"
                        max=crate::domain::cart::MAX_LINE_QUANTITY.to_string()
                        aria-label=qty_label
                        prop:value=move || qty().to_string()
                        disabled=pending_add
                        data-testid="qty"
                        on:change=move |ev| {
                            if let Ok(q) = event_target_value(&ev).trim().parse::<u32>() {
                                k.with_value(|k| cart.set_quantity(k, q));
                            }
                        }
                    />
                    <button type="button" class="stepper__btn" aria-label="Больше" disabled=plus_off on:click=move |_| step(1) data-testid="qty-plus">"+"</button>
                </div>
                <button type="button" class="link-button cart-line__remove" disabled=pending_add on:click=move |_| k.with_value(|k| cart.remove(k)) data-testid="remove-line">"Удалить"</button>
            </div>
            <p class="cart-line__total" data-testid="line-total">{read(|l| rub(l.total()))}</p>
        </li>
    }
}

/// The totals: the server's once it has answered, the app's own exact sums until then.
#[component]
fn Summary() -> impl IntoView {
    let cart = use_cart();
    let session = use_session();
    let local = Memo::new(move |_| cart.lines().with(|l| (subtotal(l), total_quantity(l))));
    // The server's figures count only while they describe the lines on screen.
    let settled = Memo::new(move |_| {
        cart.server().with(|s| {
            s.as_ref().and_then(|s| {
                let (sub, q) = local.get();
                (s.summary.subtotal == sub && s.summary.total_quantity == q).then(|| s.clone())
            })
        })
    });
    let checkout = move || {
        if session.is_signed_in() {
            Route::Checkout.href()
        } else {
            Route::sign_in_to(&Route::Checkout.path()).href()
        }
    };
    view! {
        <aside class="cart-summary" aria-label="Итого" data-testid="cart-summary">
            <h2 class="cart-summary__title">"Ваш заказ"</h2>
            {move || match settled.get() {
                Some(s) => {
                    let sm = s.summary.clone();
                    view! {
                        <dl class="cart-summary__rows">
                            <div><dt>{format!("Товары ({} шт.)", sm.total_quantity)}</dt><dd data-testid="sum-subtotal">{rub(sm.subtotal)}</dd></div>
                            {(sm.discount > Decimal::ZERO).then(|| view! { <div class="cart-summary__discount"><dt>"Скидка"</dt><dd data-testid="sum-discount">{format!("−{}", rub(sm.discount))}</dd></div> })}
                            <div><dt>"Доставка"</dt><dd>{sm.shipping.map(rub).unwrap_or_else(|| "при оформлении".into())}</dd></div>
                            <div><dt>"НДС"</dt><dd data-testid="sum-tax">{rub(sm.tax)}</dd></div>
                            <div class="cart-summary__total"><dt>"Итого"</dt><dd data-testid="sum-total">{rub(sm.total)}</dd></div>
                        </dl>
                        {(!s.coupons.is_empty()).then(|| view! {
                            <p class="cart-summary__coupons">"Промокоды: " {s.coupons.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")}</p>
                        })}
                        {s.estimated_commission.map(|c| view! {
                            <p class="card__partner" data-testid="cart-commission">
                                {format!("Ваша комиссия {} · {} баллов", rub(c), s.estimated_career_points.unwrap_or_default().round())}
                            </p>
                        })}
                    }.into_any()
                }
                None => {
                    let (sub, q) = local.get();
                    let signed = session.is_signed_in();
                    view! {
                        <dl class="cart-summary__rows">
                            <div><dt>{format!("Товары ({q} шт.)")}</dt><dd data-testid="sum-subtotal">{rub(sub)}</dd></div>
                            <div class="cart-summary__total">
                                <dt>"Итого"</dt>
                                <dd data-testid="sum-total">{if signed { "пересчитываем…".to_string() } else { rub(sub) }}</dd>
                            </div>
                        </dl>
                        <p class="cart-summary__hint">"Доставка и налоги рассчитываются при оформлении."</p>
                    }.into_any()
                }
            }}
            <a class="btn btn--large cart-summary__go" href=checkout data-testid="go-checkout">
                {move || if session.is_signed_in() { "Оформить заказ" } else { "Войти и оформить" }}
            </a>
        </aside>
    }
}

/// Guest lines the account cart would not take at sign-in, each with its reason.
#[component]
fn RefusedLines() -> impl IntoView {
    let cart = use_cart();
    move || {
        let refused = cart.refused();
        (!refused.is_empty()).then(|| view! {
            <section class="cart-refused" aria-label="Не перенесены в корзину" data-testid="cart-refused">
                <h2 class="cart-refused__title">"Не удалось перенести из корзины гостя"</h2>
                <ul>
                    {refused.into_iter().map(|r| {
                        let key = r.line.key.clone();
                        view! {
                            <li class="cart-refused__line" data-testid="refused-line">
                                <span class="cart-refused__name">{format!("{} × {}", r.line.display_name(), r.line.quantity)}</span>
                                <span class="cart-refused__reason" data-testid="refused-reason">{r.reason}</span>
                                <button type="button" class="link-button" on:click=move |_| cart.dismiss_refused(&key)>"Убрать"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
