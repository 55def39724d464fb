//! Pickup points nearest first. A position is known when the shopper let the browser tell
//! it (kept in memory, `state::place`), else the chosen delivery address's geocoded point
//! stands for it: then by distance. Without either, by city — the delivery address's city
//! first, then the city chosen for stock — and by name. A point without coordinates comes
//! after those with them; ties go by name.

use super::address::GeoPoint;
use std::cmp::Ordering;

/// What the ordering reads of a pickup point.
#[derive(Clone, Copy, Debug)]
pub struct Spot<'a> {
    pub title: &'a str,
    pub city: Option<&'a str>,
    pub at: Option<GeoPoint>,
}

/// What the app knows of where the shopper is.
#[derive(Clone, Debug, Default)]
pub struct Near {
    /// The browser's position, once allowed, or the delivery address's point.
    pub position: Option<GeoPoint>,
    /// City names, most telling first: the delivery address's, then the chosen one.
    pub cities: Vec<String>,
}

/// «г. Москва», «москва », «Москва» are one city; «ё» is written both ways.
fn city_key(name: &str) -> String {
    let c = name.trim().to_lowercase().replace('ё', "е");
    let c = c
        .strip_prefix("г.")
        .or_else(|| c.strip_prefix("г "))
        .unwrap_or(&c);
    c.trim().to_string()
}

/// Squared distance on a flat map with longitude shrunk by latitude: enough to order
/// points, and no trigonometry beyond one cosine.
fn distance2(a: GeoPoint, b: GeoPoint) -> f64 {
    let k = ((a.lat + b.lat) / 2.0).to_radians().cos();
    let (dx, dy) = ((a.lng - b.lng) * k, a.lat - b.lat);
    dx * dx + dy * dy
}

fn by_name(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// Sorts `points` nearest first; `read` gives what a point tells about its place.
pub fn nearest_first<T>(points: &mut [T], near: &Near, read: impl Fn(&T) -> Spot<'_>) {
    match near.position {
        Some(me) => points.sort_by(|a, b| {
            let (a, b) = (read(a), read(b));
            let d = |s: &Spot| s.at.map(|p| distance2(me, p)).filter(|d| d.is_finite());
            match (d(&a), d(&b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| by_name(a.title, b.title))
        }),
        None => {
            let cities: Vec<String> = near.cities.iter().map(|c| city_key(c)).collect();
            let rank = |s: &Spot| {
                s.city
                    .map(city_key)
                    .and_then(|c| cities.iter().position(|x| !x.is_empty() && *x == c))
                    .unwrap_or(cities.len())
            };
            points.sort_by(|a, b| {
                let (a, b) = (read(a), read(b));
                rank(&a)
                    .cmp(&rank(&b))
                    .then_with(|| by_name(a.title, b.title))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stub's four pickup points (seed 004 `Warehouse`), in the order it lists them.
    fn points() -> Vec<(&'static str, &'static str, Option<GeoPoint>)> {
        let at = |lat, lng| Some(GeoPoint { lat, lng });
        vec![
            ("Магазин на Тверской", "Москва", at(55.765, 37.605)),
            ("Магазин в Митино", "Москва", at(55.846, 37.357)),
            ("Магазин на Лиговском", "Санкт-Петербург", at(59.93, 30.36)),
            ("Магазин в Казани", "Казань", at(55.79, 49.12)),
        ]
    }

    fn order(near: &Near) -> Vec<&'static str> {
        let mut p = points();
        nearest_first(&mut p, near, |(title, city, at)| Spot {
            title,
            city: Some(city),
            at: *at,
        });
        p.into_iter().map(|(t, _, _)| t).collect()
    }

    #[test]
    fn with_the_browsers_position_the_nearest_point_comes_first() {
        // Near Kazan's centre, then Moscow's two (Tverskaya is nearer), then Petersburg.
        let near = Near {
            position: Some(GeoPoint {
                lat: 55.8,
                lng: 49.1,
            }),
            cities: vec!["Санкт-Петербург".into()],
        };
        assert_eq!(
            order(&near),
            [
                "Магазин в Казани",
                "Магазин на Тверской",
                "Магазин в Митино",
                "Магазин на Лиговском"
            ]
        );
        // In Mitino, Mitino before Tverskaya.
        let near = Near {
            position: Some(GeoPoint {
                lat: 55.85,
                lng: 37.36,
            }),
            ..Near::default()
        };
        assert_eq!(
            order(&near)[..2],
            ["Магазин в Митино", "Магазин на Тверской"]
        );
    }

    #[test]
    fn without_a_position_the_address_city_comes_first_then_names() {
        let near = Near {
            position: None,
            cities: vec!["г. Санкт-Петербург".into(), "Москва".into()],
        };
        assert_eq!(
            order(&near),
            [
                "Магазин на Лиговском",
                "Магазин в Митино",
                "Магазин на Тверской",
                "Магазин в Казани"
            ]
        );
        // Nothing known: by name alone.
        assert_eq!(
            order(&Near::default()),
            [
                "Магазин в Казани",
                "Магазин в Митино",
                "Магазин на Лиговском",
                "Магазин на Тверской"
            ]
        );
    }

    #[test]
    fn a_point_without_coordinates_goes_after_the_located_ones() {
        let mut p = vec![
            ("Без координат", None),
            ("Есть", Some(GeoPoint { lat: 1.0, lng: 1.0 })),
        ];
        let near = Near {
            position: Some(GeoPoint { lat: 0.0, lng: 0.0 }),
            cities: Vec::new(),
        };
        nearest_first(&mut p, &near, |(t, at)| Spot {
            title: t,
            city: None,
            at: *at,
        });
        assert_eq!(p[0].0, "Есть");
    }
}
