//! Price with the struck-through old price and the discount.

use crate::domain::money::Money;
use leptos::prelude::*;

/// `1 234,50 ₽`, and `3 000 ₽ −17 %` beside it when there is an old price.
#[component]
pub fn Price(price: Money, compare_at: Option<Money>) -> impl IntoView {
    let discount = compare_at
        .as_ref()
        .and_then(|c| price.discount_percent_from(c));
    view! {
        <div class="price">
            <span class="price__current" data-testid="price">{price.to_string()}</span>
            {compare_at.zip(discount).map(|(c, d)| view! {
                <s class="price__old" aria-label=format!("Старая цена {c}")>{c.to_string()}</s>
                <span class="price__discount">{format!("−{d}\u{a0}%")}</span>
            })}
        </div>
    }
}
