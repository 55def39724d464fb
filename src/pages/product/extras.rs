//! What the product page takes from the partner and delivery APIs (seeds 004 and 000):
//! «С этим товаром покупают», certificates, stock per shop and warehouse, and stock near
//! the shopper.

use crate::api::commerce::catalog;
use crate::api::delivery::{self, Near};
use crate::api::partner::{self, Certificate, City, Warehouse};
use crate::api::ApiError;
use crate::components::{product_card::ProductRow, secondary::Secondary};
use crate::domain::catalog::ProductSummary;
use crate::domain::text::is_web_url;
use crate::state::place::{locate, use_place};
use crate::state::resource::resource;
use crate::state::use_session;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// «С этим товаром покупают»: the partner API names them, the commerce API prices them.
#[component]
pub fn AlsoBuy(id: Memo<String>) -> impl IntoView {
    let session = use_session();
    let show_partner = Signal::derive(move || session.is_partner());
    let cards = resource(move || {
        let (pep, cep, id) = (session.partner(), session.commerce(), id.get());
        Box::pin(async move {
            let named = partner::also_buy(&pep, &id, 8).await?;
            let ids: Vec<String> = named.into_iter().map(|p| p.id).collect();
            catalog::cards_for(&cep, &ids).await
        })
    });
    view! {
        <Secondary
            title="С этим товаром покупают"
            id="also-buy".to_string()
            data=cards
            is_empty=Vec::is_empty
            testid="also-buy"
            render={move |list: Vec<ProductSummary>| view! { <ProductRow products=list show_partner=show_partner/> }}
        />
    }
}

/// Certificates as download links (only `http(s)` links are made clickable).
#[component]
pub fn Certificates(id: Memo<String>) -> impl IntoView {
    let session = use_session();
    let docs = resource(move || {
        let (ep, id) = (session.partner(), id.get());
        Box::pin(async move { partner::certificates(&ep, &id).await })
    });
    view! {
        <Secondary
            title="Сертификаты"
            id="certificates".to_string()
            data=docs
            is_empty=Vec::is_empty
            render={|list: Vec<Certificate>| view! {
                <ul class="docs" data-testid="certificates">
                    {list.into_iter().map(|c| {
                        let kind = if c.mime_type.contains("pdf") { "PDF" } else { "файл" };
                        if is_web_url(&c.path) {
                            view! {
                                <li>
                                    <a class="docs__link" href=c.path download="" target="_blank" rel="noopener noreferrer">
                                        <span class="docs__icon" aria-hidden="true">"⤓"</span>
                                        {c.title}
                                        <span class="docs__kind">{kind}</span>
                                    </a>
                                </li>
                            }.into_any()
                        } else {
                            view! { <li class="docs__unavailable">{c.title}" — ссылка недоступна"</li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            }}
        />
    }
}

/// One row of the stock table.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceStock {
    pub title: String,
    pub address: String,
    pub city_id: Option<String>,
    pub shop: bool,
    pub pickup: bool,
    pub quantity: Decimal,
}

/// Joins stock lines with warehouse names; the chosen city first, then by quantity.
/// Stock at a warehouse the site does not list is left out (there is nothing to name).
pub fn stock_rows(
    places: &[Warehouse],
    stock: &[partner::WarehouseStock],
    city: Option<&str>,
) -> Vec<PlaceStock> {
    let mut rows: Vec<PlaceStock> = stock
        .iter()
        .filter_map(|s| {
            let w = places.iter().find(|w| w.id == s.warehouse_id)?;
            Some(PlaceStock {
                title: w.title.clone(),
                address: match (&w.city, &w.address) {
                    (Some(c), Some(a)) => format!("{}, {a}", c.name),
                    (Some(c), None) => c.name.clone(),
                    (None, Some(a)) => a.clone(),
                    (None, None) => String::new(),
                },
                city_id: w.city.as_ref().map(|c| c.id.clone()),
                shop: w.is_shop(),
                pickup: w.is_self_pickup_available,
                quantity: s.quantity.max(Decimal::ZERO),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        let here = |r: &PlaceStock| city.is_some() && r.city_id.as_deref() == city;
        here(b)
            .cmp(&here(a))
            .then(b.quantity.cmp(&a.quantity))
            .then(a.title.cmp(&b.title))
    });
    rows
}

/// Cities that have a shop or warehouse, in first-seen order.
pub fn cities_of(places: &[Warehouse]) -> Vec<City> {
    let mut out: Vec<City> = Vec::new();
    for c in places.iter().filter_map(|w| w.city.as_ref()) {
        if !out.iter().any(|o| o.id == c.id) {
            out.push(c.clone());
        }
    }
    out
}

fn pieces(q: Decimal) -> String {
    format!("{} шт.", q.normalize())
}

/// Where the "near you" check looks: the located point, else the chosen city's centre,
/// else its first shop.
pub fn near_for(
    coords: Option<(f64, f64)>,
    city: Option<&City>,
    places: &[Warehouse],
) -> Option<Near> {
    if let Some((lat, lon)) = coords {
        return Some(Near::Point { lat, lon });
    }
    let city = city?;
    if let Some(l) = city.location {
        return Some(Near::Point {
            lat: l.lat,
            lon: l.lng,
        });
    }
    places
        .iter()
        .find(|w| w.is_shop() && w.city.as_ref().is_some_and(|c| c.id == city.id))
        .map(|w| Near::Store(w.id.clone()))
}

type StockData = Result<(Vec<Warehouse>, Vec<partner::WarehouseStock>), ApiError>;

/// Stock at every shop and warehouse, and what is near the shopper. Hidden when the
/// partner API has no stock for the product.
#[component]
pub fn Stock(id: Memo<String>) -> impl IntoView {
    let session = use_session();
    let place = use_place();
    let data: LocalResource<StockData> = resource(move || {
        let (ep, id) = (session.partner(), id.get());
        Box::pin(async move {
            let (places, stock) = futures_util::future::join(
                partner::warehouses(&ep),
                partner::stocks(&ep, &[id.as_str()]),
            )
            .await;
            let stock = stock?
                .into_iter()
                .find(|s| s.product_id == id)
                .map(|s| s.stock)
                .unwrap_or_default();
            Ok((places?, stock))
        })
    });
    view! {
        <Secondary
            title="Наличие в магазинах"
            id="availability-title".to_string()
            data=data
            is_empty={|(places, stock): &(Vec<Warehouse>, Vec<partner::WarehouseStock>)| places.is_empty() || stock.is_empty()}
            placeholder={|| view! { <div class="skeleton stock__skeleton"></div> }}
            render={move |(places, stock): (Vec<Warehouse>, Vec<partner::WarehouseStock>)| {
                let cities = cities_of(&places);
                // No choice yet: the first city the shop lists.
                if place.city.get_untracked().is_none() {
                    if let Some(c) = cities.first() {
                        place.city.set(Some(c.id.clone()));
                    }
                }
                view! { <StockView id=id places=places stock=stock cities=cities/> }
            }}
        />
    }
}

#[component]
fn StockView(
    id: Memo<String>,
    places: Vec<Warehouse>,
    stock: Vec<partner::WarehouseStock>,
    cities: Vec<City>,
) -> impl IntoView {
    let session = use_session();
    let place = use_place();
    let places = StoredValue::new(places);
    let cities = StoredValue::new(cities);
    let locating = RwSignal::new(false);
    let locate_error = RwSignal::new(None::<String>);
    let near = resource(move || {
        let (ep, id) = (session.delivery(), id.get());
        let coords = place.coords.get();
        let city_id = place.city.get();
        let target = cities.with_value(|cs| {
            let city = cs.iter().find(|c| Some(&c.id) == city_id.as_ref());
            places.with_value(|ps| near_for(coords, city, ps))
        });
        Box::pin(async move {
            match target {
                None => Ok(None),
                Some(t) => {
                    let r = delivery::inventory(&ep, &t, &[id.as_str()]).await?;
                    Ok::<_, ApiError>(r.into_iter().find(|a| a.product_id == id))
                }
            }
        })
    });
    let on_locate = move |_| {
        locating.set(true);
        locate_error.set(None);
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(c) => place.coords.set(Some(c)),
                Err(msg) => locate_error.set(Some(msg)),
            }
            locating.set(false);
        });
    };
    let rows = move || {
        let city = place.city.get();
        places.with_value(|ps| stock_rows(ps, &stock, city.as_deref()))
    };
    view! {
        <div class="near">
            <label class="near__city">
                <span>"Город"</span>
                <select
                    data-testid="city"
                    on:change=move |ev| place.choose_city(event_target_value(&ev))
                >
                    {cities.get_value().into_iter().map(|c| {
                        let cid = c.id.clone();
                        view! {
                            <option value=c.id.clone() selected=move || place.city.with(|x| x.as_deref() == Some(cid.as_str()))>{c.name}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="btn btn--ghost" on:click=on_locate disabled=move || locating.get() data-testid="locate">
                {move || if locating.get() { "Определяем…" } else { "Определить моё местоположение" }}
            </button>
            {move || locate_error.get().map(|m| view! { <p class="near__error" role="alert">{m}</p> })}
            <p class="near__result" data-testid="near-stock" aria-live="polite">
                <Transition fallback=|| "Проверяем наличие рядом…">
                    {move || Suspend::new(async move {
                        let located = place.coords.get_untracked().is_some();
                        let whom = if located { "Рядом с вами" } else { "В вашем городе" };
                        match near.await {
                            Ok(Some(a)) if a.available => format!(
                                "{whom}: в наличии{}",
                                a.qty.map(|q| format!(", {}", pieces(q))).unwrap_or_default()
                            ),
                            Ok(_) => format!("{whom} нет в наличии — привезём со склада"),
                            Err(e) => format!("Не удалось проверить наличие рядом. {}", e.user_message()),
                        }
                    })}
                </Transition>
            </p>
        </div>
        <table class="stock" data-testid="warehouse-stock">
            <thead>
                <tr><th scope="col">"Магазин или склад"</th><th scope="col" class="stock__pickup">"Самовывоз"</th><th scope="col">"Остаток"</th></tr>
            </thead>
            <tbody>
                {move || rows().into_iter().map(|r| {
                    let none = r.quantity.is_zero();
                    view! {
                        <tr class:stock__row--none=none>
                            <td>
                                <span class="stock__title">{r.title}</span>
                                <span class="stock__address">{if r.shop { "Магазин · " } else { "Склад · " }}{r.address}</span>
                                {r.pickup.then(|| view! { <span class="stock__pickup-inline">"Можно забрать самовывозом"</span> })}
                            </td>
                            <td class="stock__pickup">{if r.pickup { "Да" } else { "—" }}</td>
                            <td class="stock__qty">{if none { "Нет".to_string() } else { pieces(r.quantity) }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::partner::{Location, WarehouseStock};
    use crate::domain::codes::WarehouseKind;
    use std::str::FromStr;

    fn city(id: &str, name: &str) -> City {
        City {
            id: id.into(),
            name: name.into(),
            location: Some(Location {
                lat: 55.0,
                lng: 37.0,
            }),
        }
    }

    fn wh(id: &str, title: &str, c: &City, shop: bool) -> Warehouse {
        Warehouse {
            id: id.into(),
            kind: if shop {
                WarehouseKind::Shop
            } else {
                WarehouseKind::Storage
            },
            title: title.into(),
            address: Some("ул. Тверская, 15".into()),
            city: Some(c.clone()),
            location: None,
            is_self_pickup_available: shop,
            is_express_delivery_available: false,
            is_delivery_available: true,
            comment: None,
            schedule: Vec::new(),
        }
    }

    fn st(w: &str, q: &str) -> WarehouseStock {
        WarehouseStock {
            warehouse_id: w.into(),
            quantity: Decimal::from_str(q).unwrap(),
        }
    }

    #[test]
    fn stock_rows_are_named_and_put_the_chosen_city_first() {
        let msk = city("m", "Москва");
        let spb = city("s", "Санкт-Петербург");
        let places = vec![
            wh("1", "Склад Москва", &msk, false),
            wh("2", "Магазин СПб", &spb, true),
            wh("3", "Магазин Москва", &msk, true),
        ];
        let stock = vec![st("1", "3"), st("2", "40"), st("3", "0"), st("zz", "9")];
        let rows = stock_rows(&places, &stock, Some("m"));
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Склад Москва", "Магазин Москва", "Магазин СПб"]);
        assert_eq!(rows[0].address, "Москва, ул. Тверская, 15");
        let rows = stock_rows(&places, &stock, Some("s"));
        assert_eq!(rows[0].title, "Магазин СПб");
        assert_eq!(cities_of(&places).len(), 2);
    }

    #[test]
    fn near_prefers_the_located_point_then_the_city() {
        let msk = city("m", "Москва");
        let places = vec![wh("3", "Магазин", &msk, true)];
        assert_eq!(
            near_for(Some((1.0, 2.0)), Some(&msk), &places),
            Some(Near::Point { lat: 1.0, lon: 2.0 })
        );
        assert_eq!(
            near_for(None, Some(&msk), &places),
            Some(Near::Point {
                lat: 55.0,
                lon: 37.0
            })
        );
        let mut nowhere = msk.clone();
        nowhere.location = None;
        assert_eq!(
            near_for(None, Some(&nowhere), &places),
            Some(Near::Store("3".into()))
        );
        assert_eq!(near_for(None, None, &places), None);
    }
}
