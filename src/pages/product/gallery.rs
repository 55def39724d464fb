//! Photos: the primary first, thumbnails below, arrow keys to move.

use crate::domain::catalog::ProductImage;
use leptos::prelude::*;

/// Photos: the primary first, thumbnails below, arrow keys to move.
#[component]
pub fn Gallery(images: Vec<ProductImage>) -> impl IntoView {
    let mut images = images;
    images.sort_by_key(|i| !i.is_primary);
    let count = images.len();
    let current = RwSignal::new(0usize);
    let imgs = StoredValue::new(images);
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowRight" if count > 0 => {
            ev.prevent_default();
            current.update(|c| *c = (*c + 1) % count);
        }
        "ArrowLeft" if count > 0 => {
            ev.prevent_default();
            current.update(|c| *c = (*c + count - 1) % count);
        }
        _ => {}
    };
    view! {
        <div class="gallery" tabindex="0" role="region" aria-roledescription="галерея"
            aria-label="Фото товара: стрелки влево и вправо листают" on:keydown=on_key data-testid="gallery">
            <div class="gallery__main">
                {move || imgs.with_value(|list| list.get(current.get()).cloned()).map(|img| view! {
                    <img src=img.url alt=img.alt width="800" height="800" data-testid="gallery-image"/>
                })}
            </div>
            {(count > 1).then(|| view! {
                <ul class="gallery__thumbs">
                    {imgs.get_value().into_iter().enumerate().map(|(i, img)| view! {
                        <li>
                            <button
                                type="button"
                                class="gallery__thumb"
                                class:gallery__thumb--current=move || current.get() == i
                                aria-label=format!("Фото {} из {count}", i + 1)
                                aria-pressed=move || (current.get() == i).to_string()
                                on:click=move |_| current.set(i)
                            >
                                <img src=img.thumbnail_url alt="" loading="lazy" width="72" height="72"/>
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}
