//! «Избранное»: the products a shopper marked on this device, newest first. Only the id and
//! the name are kept — the name so that a product the shop no longer has can still be told
//! by name; price and stock are always read afresh from the catalog. Also the pace at which
//! the favorites page may ask the catalog for them.

/// How many favorites are kept; marking one more drops the oldest.
pub const FAVORITES_CAP: usize = 200;

/// The stored record's format (`{"v":1,"data":[{id,name}…]}`).
pub const FAVORITES_VERSION: u32 = 1;

/// Longest id kept from storage: anything longer is not one of ours (ids are UUIDs).
const ID_MAX: usize = 128;
/// Longest name kept from storage.
const NAME_MAX: usize = 500;

/// One marked product, as stored on the device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Favorite {
    pub id: String,
    /// The name when it was marked: shown only when the catalog no longer has the product.
    pub name: String,
}

impl Favorite {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Favorite {
        Favorite {
            id: id.into(),
            name: name.into(),
        }
    }
}

/// Whether `id` is among the favorites.
pub fn contains(list: &[Favorite], id: &str) -> bool {
    list.iter().any(|f| f.id == id)
}

/// `list` with `item` marked (to the front, once; the oldest beyond the cap dropped), or
/// unmarked when it was there; the bool says whether it is a favorite now.
pub fn toggled(list: &[Favorite], item: Favorite) -> (Vec<Favorite>, bool) {
    if contains(list, &item.id) {
        (removed(list, &item.id), false)
    } else {
        let mut out: Vec<Favorite> = std::iter::once(item).chain(list.iter().cloned()).collect();
        out.truncate(FAVORITES_CAP);
        (out, true)
    }
}

/// `list` without `id`.
pub fn removed(list: &[Favorite], id: &str) -> Vec<Favorite> {
    list.iter().filter(|f| f.id != id).cloned().collect()
}

/// A list read from storage made safe to use: empty or overlong ids dropped, each product
/// once (the newer place kept), overlong names cut, at most the cap.
pub fn sanitized(list: Vec<Favorite>) -> Vec<Favorite> {
    let mut out: Vec<Favorite> = Vec::with_capacity(list.len().min(FAVORITES_CAP));
    for mut f in list {
        if f.id.is_empty() || f.id.len() > ID_MAX || contains(&out, &f.id) {
            continue;
        }
        if f.name.chars().count() > NAME_MAX {
            f.name = f.name.chars().take(NAME_MAX).collect();
        }
        out.push(f);
        if out.len() == FAVORITES_CAP {
            break;
        }
    }
    out
}

/// The favorites in a stored record's text. Another version, or anything unreadable, is an
/// empty list (never a panic: the text may have been written by anyone). Read from a
/// `Value` by hand rather than derived: this runs in the catalog's first load, and serde's
/// derived visitors cost it more bytes.
pub fn decode(raw: &str) -> Vec<Favorite> {
    let Ok(v) = crate::domain::json::from_str::<serde_json::Value>(raw) else {
        return Vec::new();
    };
    if v.get("v").and_then(serde_json::Value::as_u64) != Some(u64::from(FAVORITES_VERSION)) {
        return Vec::new();
    }
    let Some(data) = v.get("data").and_then(serde_json::Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(data.len());
    for item in data {
        let text = |k: &str| item.get(k).and_then(serde_json::Value::as_str);
        match (text("id"), text("name")) {
            (Some(id), Some(name)) => out.push(Favorite::new(id, name)),
            // One entry not of this format: the record is not ours.
            _ => return Vec::new(),
        }
    }
    sanitized(out)
}

/// The stored record's text for `list` (what [`decode`] reads), written by hand: serde's
/// `Value` serializer would otherwise come to the catalog's first load for this alone.
pub fn encode(list: &[Favorite]) -> String {
    let text = |t: &str| serde_json::to_string(t).unwrap_or_else(|_| "\"\"".into());
    let items: Vec<String> = list
        .iter()
        .map(|f| format!("{{\"id\":{},\"name\":{}}}", text(&f.id), text(&f.name)))
        .collect();
    format!(
        "{{\"v\":{FAVORITES_VERSION},\"data\":[{}]}}",
        items.join(",")
    )
}

// ---------- the pace of the favorites page ----------

/// Requests sent together: the browser's connections to one host, so none waits in its queue.
pub const BATCH: usize = 6;
/// Favorites drawn at first; «Показать ещё» adds as many again.
pub const PAGE_SIZE: usize = 24;
/// The catalog allows 200 listing/detail requests a minute per client (seed 003); the
/// favorites page keeps to half, so the rest of the shop still answers in the same minute.
pub const REQUESTS_PER_WINDOW: usize = 100;
/// The catalog limit's window.
pub const WINDOW_MS: u64 = 60_000;

/// How long to wait from `now` (ms) before `n` more requests may leave, given when earlier
/// ones left (`sent`, ms): never more than [`REQUESTS_PER_WINDOW`] within any window.
pub fn wait_before(sent: &[u64], now: u64, n: usize) -> u64 {
    let n = n.min(REQUESTS_PER_WINDOW);
    let mut recent: Vec<u64> = sent
        .iter()
        .copied()
        .filter(|t| now < t.saturating_add(WINDOW_MS))
        .collect();
    if recent.len() + n <= REQUESTS_PER_WINDOW {
        return 0;
    }
    recent.sort_unstable();
    // The window must slide past enough of the oldest for `n` to fit.
    let must_expire = recent.len() + n - REQUESTS_PER_WINDOW;
    let t = recent[must_expire - 1];
    (t + WINDOW_MS).saturating_sub(now)
}

/// How many requests may leave at `now` (ms) without more than [`REQUESTS_PER_WINDOW`]
/// within any window: a batch larger than that sends this many and the rest once the window
/// has slid (so 200 reads take one window, not two).
pub fn room(sent: &[u64], now: u64) -> usize {
    let recent = sent
        .iter()
        .filter(|t| now < t.saturating_add(WINDOW_MS))
        .count();
    REQUESTS_PER_WINDOW.saturating_sub(recent)
}

/// Batches of ids in the order given, each at most [`BATCH`] long.
pub fn batches(ids: &[String]) -> Vec<Vec<String>> {
    ids.chunks(BATCH).map(<[String]>::to_vec).collect()
}

// ---------- «Всё в корзину» ----------

/// Why a favorite was left out of «Всё в корзину».
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    OutOfStock,
    /// The catalog no longer has it, or no longer sells it.
    Gone,
    /// Already in the cart: a second pass adds nothing.
    InCart,
    /// Its data could not be read, or the cart refused it (the reason).
    Failed(String),
}

impl Skipped {
    pub fn words(&self) -> String {
        match self {
            Skipped::OutOfStock => "нет в наличии".into(),
            Skipped::Gone => "больше не продаётся".into(),
            Skipped::InCart => "уже в корзине".into(),
            Skipped::Failed(why) => why.clone(),
        }
    }
}

/// What «Всё в корзину» says when done: how many were added, then each one skipped by name.
pub fn outcome_text(added: usize, skipped: &[(String, Skipped)]) -> String {
    let mut out = if added == 0 {
        "Ничего не добавлено".to_string()
    } else {
        format!(
            "В корзину {} {added} {}",
            crate::domain::text::plural(added as u64, "добавлен", "добавлено", "добавлено"),
            crate::domain::text::plural(added as u64, "товар", "товара", "товаров")
        )
    };
    if !skipped.is_empty() {
        let list: Vec<String> = skipped
            .iter()
            .map(|(name, why)| format!("«{name}» — {}", why.words()))
            .collect();
        out.push_str(". Пропущено: ");
        out.push_str(&list.join("; "));
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fav(id: &str) -> Favorite {
        Favorite::new(id, format!("Товар {id}"))
    }

    fn ids(l: &[Favorite]) -> Vec<&str> {
        l.iter().map(|f| f.id.as_str()).collect()
    }

    fn marked(ids: &[&str]) -> Vec<Favorite> {
        ids.iter().fold(Vec::new(), |l, id| toggled(&l, fav(id)).0)
    }

    #[test]
    fn the_newest_favorite_comes_first() {
        assert_eq!(ids(&marked(&["a", "b", "c"])), ["c", "b", "a"]);
    }

    #[test]
    fn toggling_twice_removes_and_keeps_the_others_in_order() {
        let l = marked(&["a", "b", "c"]);
        let (l, now) = toggled(&l, fav("b"));
        assert!(!now);
        assert_eq!(ids(&l), ["c", "a"]);
        let (l, now) = toggled(&l, fav("b"));
        assert!(now);
        assert_eq!(ids(&l), ["b", "c", "a"]);
        assert!(contains(&l, "b") && !contains(&l, "x"));
    }

    #[test]
    fn two_hundred_are_kept_and_the_oldest_dropped() {
        let names: Vec<String> = (0..205).map(|i| format!("p{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let l = marked(&refs);
        assert_eq!(l.len(), FAVORITES_CAP);
        assert_eq!(l[0].id, "p204");
        assert_eq!(l[199].id, "p5");
        assert!(!contains(&l, "p4"));
    }

    #[test]
    fn removing_drops_only_that_product() {
        let l = marked(&["a", "b", "c"]);
        assert_eq!(ids(&removed(&l, "b")), ["c", "a"]);
        assert_eq!(ids(&removed(&l, "zz")), ["c", "b", "a"]);
    }

    #[test]
    fn a_stored_record_reads_back() {
        let raw = r#"{"v":1,"data":[{"id":"a","name":"Кран"},{"id":"b","name":"Труба"}]}"#;
        assert_eq!(
            decode(raw),
            vec![Favorite::new("a", "Кран"), Favorite::new("b", "Труба")]
        );
        assert_eq!(ids(&decode(&encode(&marked(&["x", "y"])))), ["y", "x"]);
        assert_eq!(decode(&encode(&[])), Vec::<Favorite>::new());
        // Quotes, backslashes and control characters in a name survive the round trip.
        let odd = vec![Favorite::new("a\"b", "Кран \"Ду\\15\"\n\u{1}")];
        assert_eq!(decode(&encode(&odd)), odd);
    }

    #[test]
    fn an_old_or_unknown_version_or_garbage_reads_as_empty() {
        for raw in [
            r#"{"v":0,"data":[{"id":"a","name":"Кран"}]}"#,
            r#"{"v":2,"data":[{"id":"a","name":"Кран"}]}"#,
            r#"["a","b"]"#,
            r#"{"v":1,"data":["a","b"]}"#,
            r#"{"v":1,"data":null}"#,
            r#"{"v":"1","data":[]}"#,
            r#"{"v":1,"data":[{"id":1,"name":"x"}]}"#,
            r#"{"v":1"#,
            "",
            "null",
            "\u{0}\u{ffff}",
            "{\"v\":1,\"data\":[{\"id\":\"a\",\"name\":\"\\ud800\"}]}",
        ] {
            assert_eq!(decode(raw), Vec::<Favorite>::new(), "{raw:?}");
        }
    }

    #[test]
    fn any_bytes_decode_without_a_panic() {
        // A small deterministic generator: every stored text is possible, none may panic.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let base = r#"{"v":1,"data":[{"id":"a","name":"Кран"},{"id":"b","name":"Т"}]}"#;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut bytes = base.as_bytes().to_vec();
            let at = (x as usize) % bytes.len();
            bytes[at] = (x >> 32) as u8;
            bytes.truncate(((x >> 16) as usize) % (bytes.len() + 1));
            let _ = decode(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn a_stored_list_is_cleaned_duplicates_blank_ids_and_the_cap() {
        let mut data: Vec<serde_json::Value> = vec![
            serde_json::json!({"id": "a", "name": "A"}),
            serde_json::json!({"id": "", "name": "пусто"}),
            serde_json::json!({"id": "a", "name": "A again"}),
            serde_json::json!({"id": "x".repeat(200), "name": "long"}),
        ];
        data.extend((0..300).map(|i| serde_json::json!({"id": format!("p{i}"), "name": "n"})));
        let raw = serde_json::json!({"v": 1, "data": data}).to_string();
        let l = decode(&raw);
        assert_eq!(l.len(), FAVORITES_CAP);
        assert_eq!(l[0], Favorite::new("a", "A"));
        assert_eq!(l[1].id, "p0");
        assert!(!contains(&l[1..], "a"));
    }

    #[test]
    fn requests_keep_within_a_hundred_a_minute() {
        assert_eq!(wait_before(&[], 0, BATCH), 0);
        let sent: Vec<u64> = (0..96).map(|i| 1_000 + i).collect();
        assert_eq!(wait_before(&sent, 2_000, 4), 0);
        // Six more would make 102: the two oldest must leave the window first.
        assert_eq!(wait_before(&sent, 2_000, 6), 1_001 + WINDOW_MS - 2_000);
        // Once the window has passed, nothing waits.
        assert_eq!(wait_before(&sent, 1_000 + WINDOW_MS + 100, 6), 0);
    }

    #[test]
    fn two_hundred_favorites_leave_in_batches_of_six() {
        let ids: Vec<String> = (0..200).map(|i| format!("p{i}")).collect();
        let b = batches(&ids);
        assert_eq!(b.len(), 34);
        assert!(b.iter().all(|x| x.len() <= BATCH));
        assert_eq!(b[33], ["p198", "p199"]);
        // Sent back to back as fast as answers come, the pace still holds: replay it.
        let (mut sent, mut now) = (Vec::new(), 0u64);
        for batch in &b {
            now += wait_before(&sent, now, batch.len());
            sent.extend(std::iter::repeat_n(now, batch.len()));
            let in_window = sent.iter().filter(|t| now < **t + WINDOW_MS).count();
            assert!(in_window <= REQUESTS_PER_WINDOW);
            now += 50;
        }
    }

    #[test]
    fn a_batch_that_does_not_fit_sends_what_fits_so_two_hundred_take_one_window() {
        let sent: Vec<u64> = (0..96).map(|i| 1_000 + i).collect();
        assert_eq!(room(&sent, 2_000), 4);
        assert_eq!(room(&sent, 1_000 + WINDOW_MS + 100), REQUESTS_PER_WINDOW);
        // The page's loop (pages/favorites/load.rs): wait for one slot, send what fits.
        let ids: Vec<String> = (0..200).map(|i| format!("p{i}")).collect();
        let (mut sent, mut now) = (Vec::new(), 0u64);
        for batch in batches(&ids) {
            let mut todo = batch;
            while !todo.is_empty() {
                now += wait_before(&sent, now, 1);
                let later = todo.split_off(room(&sent, now).clamp(1, todo.len()));
                sent.extend(std::iter::repeat_n(now, todo.len()));
                let in_window = sent.iter().filter(|t| now < **t + WINDOW_MS).count();
                assert!(in_window <= REQUESTS_PER_WINDOW, "{in_window} at {now}");
                todo = later;
                now += 50;
            }
        }
        assert_eq!(sent.len(), 200);
        // Whole batches only (the former way) took two windows: the last six at 120 s.
        assert!(now < WINDOW_MS + 5_000, "done at {now} ms");
    }

    #[test]
    fn the_outcome_names_what_was_skipped_and_why() {
        let t = outcome_text(
            2,
            &[
                ("Кран".into(), Skipped::OutOfStock),
                ("Труба".into(), Skipped::Gone),
            ],
        );
        assert_eq!(
            t,
            "В корзину добавлено 2 товара. Пропущено: «Кран» — нет в наличии; «Труба» — больше не продаётся."
        );
        assert_eq!(outcome_text(1, &[]), "В корзину добавлен 1 товар.");
        assert_eq!(
            outcome_text(0, &[("Кран".into(), Skipped::InCart)]),
            "Ничего не добавлено. Пропущено: «Кран» — уже в корзине."
        );
    }
}
