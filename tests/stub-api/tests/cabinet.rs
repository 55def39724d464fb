//! The partner cabinet over real HTTP (seed 004, docs/integration.md §11): the profile with
//! today's balance, levels, a year of balance history (past and scheduled) with its filters,
//! withdrawal requests in every status and a new one taking its amount off the balance,
//! organizations added (409 for an INN already there) and removed; the token decides whose
//! cabinet it is.

use serde_json::{json, Value};

mod common;
#[path = "common/shop.rs"]
mod shop;
use common::quick as start;
use shop::kop;

const P: &str = "/partner/partners";
const MOUNTER: &str = "119fa663-a27f-435c-86a3-b7003ea270bc";
const DEALER: &str = "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e";

fn list(v: &Value) -> &Vec<Value> {
    v["data"].as_array().unwrap()
}

#[tokio::test]
async fn the_token_decides_whose_cabinet_it_is() {
    let s = start().await;
    let (st, v) = s.get(&format!("{P}/{MOUNTER}"), None).await;
    assert_eq!(
        (st.as_u16(), v["code"].as_str()),
        (401, Some("UNAUTHORIZED"))
    );
    let ivan = s.sign_in("+79990000002").await;
    let (st, v) = s.get(&format!("{P}/{DEALER}"), Some(&ivan.token)).await;
    assert_eq!((st.as_u16(), v["code"].as_str()), (404, Some("NOT_FOUND")));
    let anna = s.sign_in("+79990000001").await;
    let (st, _) = s.get(&format!("{P}/{MOUNTER}"), Some(&anna.token)).await;
    assert_eq!(st.as_u16(), 404);
    // Levels are no one's secret: a bare array, as the seed shows.
    let (st, v) = s.get(&format!("{P}/levels"), None).await;
    assert_eq!(st.as_u16(), 200);
    assert_eq!(v.as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn a_mounters_year_of_bonuses_filters_by_time_kind_and_range() {
    let s = start().await;
    let ivan = s.sign_in("+79990000002").await;
    let t = Some(ivan.token.as_str());
    let (st, p) = s.get(&format!("{P}/{MOUNTER}"), t).await;
    assert_eq!(st.as_u16(), 200, "{p}");
    assert_eq!(p["type"], "MOUNTER");
    assert_eq!(kop(&p["bonusBalance"]), 1_000_000);
    let history = |body: Value| {
        let path = format!("{P}/{MOUNTER}/balance-history");
        let s = &s;
        async move { s.post(&path, body, t).await }
    };
    let (st, v) = history(json!({"type": "PAST", "limit": 100})).await;
    assert_eq!(st.as_u16(), 200, "{v}");
    assert_eq!(v["total"], 70);
    let items = list(&v);
    assert_eq!(items.len(), 70);
    // Newest first by default; every item in seed 004's shape.
    assert!(items[0]["datetime"].as_str() > items[69]["datetime"].as_str());
    let mut keys: Vec<&String> = items[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["datetime", "description", "id", "operationType", "value"]
    );
    let (_, v) = history(json!({"type": "FUTURE"})).await;
    assert_eq!(v["total"], 6);
    let (_, v) = history(json!({"type": "PAST", "operationType": "SUBTRACTION", "direction": "ASC", "limit": 5, "offset": 5})).await;
    assert_eq!(
        (list(&v).len(), v["limit"].as_u64(), v["offset"].as_u64()),
        (5, Some(5), Some(5))
    );
    assert!(list(&v).iter().all(|i| i["operationType"] == "SUBTRACTION"));
    assert!(list(&v)[0]["datetime"].as_str() < list(&v)[4]["datetime"].as_str());
    let (_, v) =
        history(json!({"type": "PAST", "range": {"from": "2020-01-01", "to": "2020-12-31"}})).await;
    assert_eq!(v["total"], 0);
    for bad in [
        json!({}),
        json!({"type": "PAST", "limit": 101}),
        json!({"type": "PAST", "operationType": "GIFT"}),
        json!({"type": "PAST", "range": {"from": "вчера"}}),
    ] {
        let (st, v) = history(bad.clone()).await;
        assert_eq!(
            (st.as_u16(), v["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn a_withdrawal_is_checked_takes_its_amount_off_and_is_listed() {
    let s = start().await;
    let ivan = s.sign_in("+79990000002").await;
    let t = Some(ivan.token.as_str());
    let requests = format!("{P}/{MOUNTER}/withdrawal-requests");
    let (_, v) = s.post(&requests, json!({}), t).await;
    let mut statuses: Vec<&str> = list(&v)
        .iter()
        .map(|w| w["status"].as_str().unwrap())
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    assert_eq!(statuses, ["COMPLETED", "CREATED", "ERROR", "PROCESSING"]);
    let before = v["total"].as_u64().unwrap();
    let (_, v) = s.post(&requests, json!({"status": "COMPLETED"}), t).await;
    assert!(list(&v).iter().all(|w| w["status"] == "COMPLETED"));

    let person = json!({"fullName": "Иван Петров", "birthday": "1985-04-12", "passportNumber": "4510 123456", "departmentСode": "770-001"});
    let good = json!({"inn": "500100732259", "bik": "044525225", "currentAccount": "40702810938000000001", "person": person, "amount": 1500.5});
    let create = format!("{requests}/create");
    let mut both = good.clone();
    both["organization"] = json!({"name": "ООО", "kpp": "770201001", "address": "Москва"});
    for (bad, code) in [
        (json!({"amount": 100}), "VALIDATION_ERROR"),
        (both, "VALIDATION_ERROR"),
        (
            json!({"inn": "7707083893", "bik": "044525225", "currentAccount": "40702810938000000001", "person": person, "amount": 1}),
            "VALIDATION_ERROR",
        ),
        (
            {
                let mut b = good.clone();
                b["amount"] = json!(10_001);
                b
            },
            "INSUFFICIENT_FUNDS",
        ),
    ] {
        let (st, v) = s.post(&create, bad.clone(), t).await;
        assert_eq!(
            (st.as_u16(), v["code"].as_str()),
            (400, Some(code)),
            "{bad}"
        );
    }
    let (st, v) = s.post(&create, good, t).await;
    assert_eq!(st.as_u16(), 201, "{v}");
    let (_, p) = s.get(&format!("{P}/{MOUNTER}"), t).await;
    assert_eq!(kop(&p["bonusBalance"]), 1_000_000 - 150_050);
    let (_, v) = s
        .post(&requests, json!({"status": "CREATED", "limit": 1}), t)
        .await;
    assert_eq!(list(&v)[0]["amount"].as_f64(), Some(1500.5));
    let (_, v) = s.post(&requests, json!({}), t).await;
    assert_eq!(v["total"].as_u64(), Some(before + 1));
    let (_, v) = s
        .post(
            &format!("{P}/{MOUNTER}/balance-history"),
            json!({"type": "PAST", "limit": 1}),
            t,
        )
        .await;
    assert_eq!(list(&v)[0]["operationType"], "SUBTRACTION");
    assert_eq!(list(&v)[0]["value"].as_f64(), Some(1500.5));
}

#[tokio::test]
async fn organizations_are_added_once_and_removed() {
    let s = start().await;
    let olga = s.sign_in("+79990000003").await;
    let t = Some(olga.token.as_str());
    let (_, p) = s.get(&format!("{P}/{DEALER}"), t).await;
    assert_eq!(p["support"]["regionalManager"]["name"], "Дмитрий");
    let orgs = p["organizations"].as_array().unwrap().clone();
    assert_eq!(orgs.len(), 1);
    let create = format!("{P}/{DEALER}/organizations/create");
    let ip = json!({"type": "INDIVIDUAL", "name": "ИП Щукин А. А.", "inn": "500100732259", "kpp": null, "legalAddress": "Москва, ул. Титова, 1", "actualAddress": null});
    let (st, _) = s.post(&create, ip.clone(), t).await;
    assert_eq!(st.as_u16(), 200);
    let (st, v) = s.post(&create, ip, t).await;
    assert_eq!((st.as_u16(), v["code"].as_str()), (409, Some("CONFLICT")));
    let (st, v) = s
        .post(&create, json!({"type": "LEGAL", "name": "ООО", "inn": "500100732259", "legalAddress": "Москва"}), t)
        .await;
    assert_eq!(
        (st.as_u16(), v["code"].as_str()),
        (400, Some("VALIDATION_ERROR")),
        "a 12-digit INN is not a company's"
    );
    let (_, p) = s.get(&format!("{P}/{DEALER}"), t).await;
    assert_eq!(p["organizations"].as_array().unwrap().len(), 2);
    let first = orgs[0]["id"].as_str().unwrap();
    let remove = format!("{P}/{DEALER}/organizations/{first}/delete");
    let (st, _) = s.post(&remove, json!({}), t).await;
    assert_eq!(st.as_u16(), 204);
    let (st, _) = s.post(&remove, json!({}), t).await;
    assert_eq!(st.as_u16(), 404);
    let (_, p) = s.get(&format!("{P}/{DEALER}"), t).await;
    let left = p["organizations"].as_array().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["type"], "INDIVIDUAL");
}

/// One POST as the browser sends it, with a key the partner API does not document: the
/// status, whether the answer was replayed, and whether its body arrived whole.
async fn post_raw(
    s: &common::Stub,
    path: &str,
    body: &Value,
    token: &str,
    key: &str,
) -> Result<(u16, bool), String> {
    let r = s
        .http
        .post(s.url(path))
        .bearer_auth(token)
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = r.status().as_u16();
    let replayed = r.headers().contains_key("idempotent-replayed");
    r.bytes().await.map_err(|e| e.to_string())?;
    Ok((status, replayed))
}

#[tokio::test]
async fn a_withdrawals_answer_dropped_after_commit_is_lost_and_a_resend_makes_another() {
    let s = start().await;
    let ivan = s.sign_in("+79990000002").await;
    let t = Some(ivan.token.as_str());
    let requests = format!("{P}/{MOUNTER}/withdrawal-requests");
    let create = format!("{requests}/create");
    let count = |v: &Value| v["total"].as_u64().unwrap();
    let (_, v) = s.post(&requests, json!({}), t).await;
    let before = count(&v);
    let body = json!({"inn": "500100732259", "bik": "044525225", "currentAccount": "40702810938000000001",
        "person": {"fullName": "Иван Петров", "birthday": "1985-04-12", "passportNumber": "4510123456", "departmentСode": "770-001"},
        "amount": 700});
    s.control(
        "faults",
        json!({"method": "POST", "path": create, "exact": true, "dropAfterCommit": true}),
    )
    .await;
    let lost = post_raw(&s, &create, &body, &ivan.token, "k-1").await;
    assert!(lost.is_err(), "the answer reached the client: {lost:?}");
    let (_, v) = s.post(&requests, json!({}), t).await;
    assert_eq!(
        count(&v),
        before + 1,
        "committed before the answer was lost"
    );
    // Seed 004 documents no idempotency: the same key again is a second request.
    let again = post_raw(&s, &create, &body, &ivan.token, "k-1").await;
    assert_eq!(again, Ok((201, false)));
    let (_, v) = s.post(&requests, json!({}), t).await;
    assert_eq!(count(&v), before + 2);
}

#[tokio::test]
async fn an_organizations_answer_dropped_after_commit_is_lost_and_a_resend_meets_409() {
    let s = start().await;
    let olga = s.sign_in("+79990000003").await;
    let create = format!("{P}/{DEALER}/organizations/create");
    let ip = json!({"type": "INDIVIDUAL", "name": "ИП Щукин А. А.", "inn": "500100732259", "legalAddress": "Москва"});
    for (fault, committed) in [
        (json!({"status": 500}), false),
        (json!({"dropAfterCommit": true}), true),
    ] {
        let mut f = json!({"method": "POST", "path": create, "exact": true});
        f.as_object_mut()
            .unwrap()
            .extend(fault.as_object().unwrap().clone());
        s.control("faults", f).await;
        let r = post_raw(&s, &create, &ip, &olga.token, "k-1").await;
        let (_, p) = s.get(&format!("{P}/{DEALER}"), Some(&olga.token)).await;
        let listed = p["organizations"].as_array().unwrap().len();
        assert_eq!(listed, 1 + usize::from(committed), "{fault}: {r:?}");
        if committed {
            assert!(r.is_err(), "the answer reached the client: {r:?}");
        } else {
            assert_eq!(r, Ok((500, false)));
        }
    }
    let again = post_raw(&s, &create, &ip, &olga.token, "k-1").await;
    assert_eq!(again, Ok((409, false)), "no replay of the lost 200");
}
