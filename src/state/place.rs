//! Where the shopper is, for stock "near you": a chosen city (remembered on this device)
//! or, when they allow it, the browser's geolocation (kept in memory only).

use super::storage::{self, Key};
use leptos::prelude::*;
use wasm_bindgen::{prelude::Closure, JsCast, JsValue};

#[derive(Clone, Copy)]
pub struct Place {
    /// Id of the chosen city (seed 004 `City.id`).
    pub city: RwSignal<Option<String>>,
    /// Latitude and longitude from the browser, once allowed.
    pub coords: RwSignal<Option<(f64, f64)>>,
}

impl Place {
    pub fn new() -> Self {
        let saved = storage::read(&Key::city());
        Place {
            city: RwSignal::new(saved),
            coords: RwSignal::new(None),
        }
    }

    /// Chooses a city by hand: remembered, and it replaces the located point.
    pub fn choose_city(&self, id: String) {
        // A full or blocked storage only means the choice is not remembered.
        let _ = storage::write(&Key::city(), &id);
        self.coords.set(None);
        self.city.set(Some(id));
    }
}

impl Default for Place {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_place() -> Place {
    use_context::<Place>().unwrap_or_default()
}

fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Asks the browser where the shopper is. The error is a sentence for the shopper.
pub async fn locate() -> Result<(f64, f64), String> {
    let geo = web_sys::window()
        .and_then(|w| w.navigator().geolocation().ok())
        .ok_or_else(|| "Браузер не умеет определять местоположение.".to_string())?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |pos: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &pos);
        });
        let reject2 = reject.clone();
        let err = Closure::once_into_js(move |e: JsValue| {
            let _ = reject2.call1(&JsValue::NULL, &e);
        });
        let opts = web_sys::PositionOptions::new();
        opts.set_timeout(10_000);
        opts.set_maximum_age(600_000);
        if let Err(e) = geo.get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &opts,
        ) {
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        // `GeolocationPosition` is an unstable web-sys type; its two numbers are read directly.
        Ok(pos) => {
            let coords = field(&pos, "coords");
            match (
                field(&coords, "latitude").as_f64(),
                field(&coords, "longitude").as_f64(),
            ) {
                (Some(lat), Some(lon)) => Ok((lat, lon)),
                _ => Err("Местоположение недоступно — выберите город из списка.".to_string()),
            }
        }
        Err(e) => Err(match field(&e, "code").as_f64().map(|c| c as u32) {
            Some(1) => "Доступ к местоположению запрещён — выберите город из списка.".to_string(),
            Some(3) => "Не удалось определить местоположение вовремя — выберите город.".to_string(),
            _ => "Местоположение недоступно — выберите город из списка.".to_string(),
        }),
    }
}
