//! A product in a grid: image, name, price, rating, stock, and partner earnings.

use crate::components::add_to_cart::AddToCart;
use crate::components::favorite_button::FavoriteButton;
use crate::components::price::Price;
use crate::domain::catalog::{Availability, ProductSummary, Rating};
use crate::routes::Route;
use leptos::prelude::*;

/// Five stars filled to the average, and the review count.
#[component]
pub fn Stars(rating: Rating) -> impl IntoView {
    let label = if rating.count == 0 {
        "Нет оценок".to_string()
    } else {
        format!(
            "Рейтинг {} из 5, отзывов: {}",
            rating.average.round_dp(1),
            rating.count
        )
    };
    // A CSSOM property, not a style="" attribute: the CSP allows no inline styles.
    let fill = format!("{}%", rating.fill_percent());
    view! {
        <div class="stars" role="img" aria-label=label.clone() title=label>
            <span class="stars__track" aria-hidden="true">
                "★★★★★"
                <span class="stars__fill" style:width=fill>"★★★★★"</span>
            </span>
            <span class="stars__count" aria-hidden="true">{rating.count}</span>
        </div>
    }
}

/// A product card; `partner` adds commission and career points. A card is built once and
/// holds no reactive parts but its buttons (cart, heart): lists rebuild cards when the shopper signs in as
/// a partner or out (they key cards by it), which keeps 24 cards cheap to build.
#[component]
pub fn ProductCard(
    product: ProductSummary,
    partner: bool,
    /// In the first row: the image loads at once and first (the page's largest paint).
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let link = Route::product(&product.id).href();
    let cover = product.cover().cloned();
    let out_of_stock = product.availability != Availability::InStock;
    let commission = product.commission();
    let points = product.career_points();
    let (price, compare_at) = (product.price.clone(), product.compare_at.clone());
    let (name, rating) = (product.name.clone(), product.rating.clone());
    let (fav_id, fav_name) = (product.id.clone(), product.name.clone());
    let cart = crate::state::cart::use_cart();
    // The product itself goes to the button; it is copied only when pressed.
    let add = move || {
        let p = product.clone();
        async move { cart.add_product(p).await }
    };
    view! {
        <li class="card" data-testid="product-card">
            <a class="card__link" href=link>
                <div class="card__media">
                    {cover.map(|img| view! {
                        <img
                            src=img.thumbnail_url
                            alt=img.alt
                            loading=if eager { "eager" } else { "lazy" }
                            fetchpriority=if eager { "high" } else { "auto" }
                            decoding="async"
                            width="400"
                            height="400"
                        />
                    })}
                    {out_of_stock.then(|| view! { <span class="card__badge card__badge--out">"Нет в наличии"</span> })}
                </div>
                <div class="card__body">
                    <Price price=price compare_at=compare_at/>
                    <h3 class="card__title" data-testid="product-name">{name}</h3>
                    <Stars rating=rating/>
                    {partner.then(|| view! {
                        <p class="card__partner" data-testid="partner-earnings">
                            {format!("Комиссия {commission} · {points} баллов")}
                        </p>
                    })}
                </div>
            </a>
            // Beside the link, not in it: a button inside a link is neither.
            <FavoriteButton id=fav_id name=fav_name/>
            // Sold out: the badge says so; no button to press in vain.
            {(!out_of_stock).then(|| view! {
                <div class="card__actions">
                    <AddToCart action=add/>
                </div>
            })}
        </li>
    }
}

/// Cards in one row that scrolls sideways (front page selections, «С этим товаром покупают»).
#[component]
pub fn ProductRow(
    products: Vec<ProductSummary>,
    #[prop(into)] show_partner: Signal<bool>,
) -> impl IntoView {
    view! {
        <ul class="product-row">
            {move || {
                let partner = show_partner.get();
                products.clone().into_iter().map(|p| view! { <ProductCard product=p partner=partner/> }).collect_view()
            }}
        </ul>
    }
}
