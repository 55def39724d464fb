//! The withdrawal and organization fault run through the real stub over HTTP. Seed 004
//! documents no idempotency, and the stub keeps none for the partner API: a second send is
//! a second payout. The app's own rules (`Intent`, `find_made`, `verdict`, `look_failed`,
//! `organization_added`, `read_done`, `sent`) drive withdrawals against `stub-api` with its
//! fault control — answers dropped after the commit, 500s and 504s before it, slow answers
//! committed after the client gave up, unreadable 2xx, failing lookups — and reloads (memory
//! gone, the stored intent read back). The stub's list judges: one request per intent (no
//! double payout), and never «made» without a request nor «not made» with one (no lost
//! intent). The same for organizations (unique by INN, 409), half as many.
//! `PAYOUT_FAULT_RUNS` sets the count of withdrawals (200 in `make test`, 1000 in `make bench`).

use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::Duration;
use vitrina::api::partner::cabinet::{read_done, PartnerDto};
use vitrina::api::partner::payouts::{listed, sent};
use vitrina::api::partner::{decode, List};
use vitrina::api::{ApiError, RawResponse};
use vitrina::domain::partner::cabinet::WithdrawalEntry;
use vitrina::domain::partner::payout::{
    look_failed, organization_added, verdict, Intent, ListedWithdrawal, Sent, Timing, Verdict,
};

mod common;
#[path = "common/fault_run.rs"]
mod fault_run;
#[path = "common/faults_http.rs"]
mod faults_http;
#[path = "common/shop.rs"]
mod shop;
use common::{start, Stub};
use fault_run::{runs, Rng};
use faults_http::{as_browser, now_ms, until_sure};
use shop::Who;

const P: &str = "/partner/partners";
const MOUNTER: &str = "119fa663-a27f-435c-86a3-b7003ea270bc";
const DEALER: &str = "528f7c9f-1a48-11ee-ab6b-a4bf01751b0e";

/// The client's timeout; a slow fault commits after it, well before `TIMING.settle_ms`.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(100);
const SLOW_MS: u64 = 200;
/// The app's timing scaled to this run's timeout (the app: 15 s timeout, 45 s to settle).
const TIMING: Timing = Timing {
    settle_ms: 400,
    every_ms: 80,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Fault {
    None,
    /// The stub commits, sends the head and a byte, then drops the connection.
    DroppedAfterCommit,
    /// 500 before the handler: nothing made, and the backend is done with it.
    Server500,
    /// 504 before the handler: nothing made, but the app cannot know the backend stopped.
    Gateway504,
    /// The stub sleeps past the client's timeout, then commits.
    SlowAfterCommit,
    /// A 200 whose body breaks off, before the handler: nothing made.
    Unreadable,
}

const FAULTS: [Fault; 6] = [
    Fault::None,
    Fault::DroppedAfterCommit,
    Fault::Server500,
    Fault::Gateway504,
    Fault::SlowAfterCommit,
    Fault::Unreadable,
];

impl Stub {
    async fn inject(&self, path: &str, f: Fault) {
        let fault = match f {
            Fault::None => return,
            Fault::DroppedAfterCommit => json!({"dropAfterCommit": true}),
            Fault::Server500 => json!({"status": 500}),
            Fault::Gateway504 => json!({"status": 504}),
            Fault::SlowAfterCommit => json!({"delayMs": SLOW_MS}),
            Fault::Unreadable => json!({"malformed": true}),
        };
        self.fault_next_post(path, fault).await;
    }

    /// One request as the browser makes it: a timeout, and what arrived (or the error the
    /// app would see).
    async fn send_raw(
        &self,
        who: &Who,
        get: bool,
        path: &str,
        body: &Value,
    ) -> Result<RawResponse, ApiError> {
        let rb = if get {
            self.http.get(self.url(path))
        } else {
            self.http.post(self.url(path)).json(body)
        };
        as_browser(rb.bearer_auth(&who.token), CLIENT_TIMEOUT).await
    }

    /// The app's lookup: every withdrawal request since `since`, 100 a page.
    async fn since(&self, who: &Who, since: &str) -> Result<Vec<WithdrawalEntry>, ApiError> {
        let path = format!("{P}/{MOUNTER}/withdrawal-requests");
        let mut all = Vec::new();
        for page in 0..20 {
            let body = json!({"range": {"from": since}, "sort": "DATETIME", "direction": "DESC", "limit": 100, "offset": page * 100});
            let raw = self.send_raw(who, false, &path, &body).await?;
            let l: List<WithdrawalEntry> = decode(&raw, now_ms() / 1000)?;
            let n = l.data.len();
            // Read straight into the domain's entry, as the app's own lookup (`payouts::since`).
            all.extend(l.data);
            if n < 100 || l.total.is_some_and(|t| all.len() as u64 >= t) {
                break;
            }
        }
        Ok(all)
    }

    /// The truth, without faults: how many requests the partner has.
    async fn withdrawal_count(&self, who: &Who) -> u64 {
        let (_, v) = self
            .post(
                &format!("{P}/{MOUNTER}/withdrawal-requests"),
                json!({"limit": 1}),
                Some(&who.token),
            )
            .await;
        v["total"].as_u64().unwrap()
    }

    async fn organization_inns(&self, who: &Who) -> Result<Vec<String>, ApiError> {
        let raw = self
            .send_raw(who, true, &format!("{P}/{DEALER}"), &Value::Null)
            .await?;
        let p: PartnerDto = decode(&raw, now_ms() / 1000)?;
        Ok(p.organizations.into_iter().map(|o| o.inn).collect())
    }
}

#[derive(Default, Debug)]
struct Figures {
    withdrawals: u64,
    sends: u64,
    faults: HashMap<String, u64>,
    reloads: u64,
    looks: u64,
    failed_looks: u64,
    found_by_look: u64,
    not_made_then_sent_again: u64,
    double_payouts: u64,
    lost_intents: u64,
    organizations: u64,
    organization_sends: u64,
    organization_409_after_loss: u64,
    double_organizations: u64,
    lost_organizations: u64,
}

/// Looks for `intent` until sure, as the page does; a tenth of the looks meet a 500.
async fn resolve(
    s: &Stub,
    who: &Who,
    intent: &Intent,
    in_flight: bool,
    rng: &mut Rng,
    f: &mut Figures,
) -> Verdict {
    let list_path = format!("{P}/{MOUNTER}/withdrawal-requests");
    until_sure(async || {
        f.looks += 1;
        if rng.below(10) == 0 {
            s.inject(&list_path, Fault::Server500).await;
        }
        let at = now_ms();
        match s.since(who, &intent.since).await {
            Ok(l) => {
                let list: Vec<ListedWithdrawal<'_>> = l.iter().map(listed).collect();
                let found = intent.find_made(&list).is_some();
                verdict(intent.sent_at_ms, found, in_flight, at, TIMING)
            }
            Err(_) => {
                f.failed_looks += 1;
                look_failed(at, TIMING)
            }
        }
    })
    .await
}

async fn withdrawals(s: &Stub, n: u64, rng: &mut Rng, f: &mut Figures) {
    let who = s.sign_in("+79990000002").await;
    let create = format!("{P}/{MOUNTER}/withdrawal-requests/create");
    for i in 0..n {
        f.withdrawals += 1;
        // 1,00–4,99 ₽: amounts repeat, so only the ids known before tell requests apart.
        let amount = Decimal::new(100 + rng.below(400) as i64, 2);
        let body = json!({"inn": "500100732259", "bik": "044525225", "currentAccount": "40702810938000000001",
            "person": {"fullName": "Иван Петров", "birthday": "1985-04-12", "passportNumber": "4510123456", "departmentСode": "770-001"},
            "amount": amount.to_string().parse::<f64>().unwrap()});
        let before = s.withdrawal_count(&who).await;
        let mut slow = false;
        let mut made_said = false;
        for _attempt in 0..10 {
            // A new intent: the list first, the intent stored, then the send.
            let now = now_ms();
            // The lookup has no fault but a 100 ms timeout, which a busy machine can miss;
            // the page then says so and the partner presses again.
            let mut tries = 0;
            let known = loop {
                match s.since(&who, &Intent::since_for(now)).await {
                    Ok(k) => break k,
                    Err(e) => {
                        tries += 1;
                        assert!(tries < 20, "the lookup never answered: {e:?}");
                    }
                }
            };
            let list: Vec<ListedWithdrawal<'_>> = known.iter().map(listed).collect();
            let intent = Intent::new(MOUNTER, amount, false, "40702810938000000001", now, &list);
            // What localStorage holds.
            let stored = serde_json::to_string(&intent).unwrap();
            let fault = rng.fault(&FAULTS, &mut f.faults, "");
            slow |= fault == Fault::SlowAfterCommit;
            s.inject(&create, fault).await;
            f.sends += 1;
            let r = s
                .send_raw(&who, false, &create, &body)
                .await
                .and_then(|raw| read_done(&raw, now_ms() / 1000));
            let v = match sent(&r) {
                Sent::Made => Verdict::Made,
                Sent::Refused => panic!("withdrawal {i}: refused: {r:?}"),
                Sent::Unsure { in_flight } => {
                    let (intent, in_flight) = if rng.below(5) == 0 {
                        // A reload: memory gone, the stored intent read back; whatever
                        // happened to the send is unknown.
                        f.reloads += 1;
                        (serde_json::from_str::<Intent>(&stored).unwrap(), true)
                    } else {
                        (intent, in_flight)
                    };
                    let v = resolve(s, &who, &intent, in_flight, rng, f).await;
                    if v == Verdict::Made {
                        f.found_by_look += 1;
                    }
                    v
                }
            };
            let count = s.withdrawal_count(&who).await - before;
            match v {
                Verdict::Made => {
                    made_said = true;
                    if count == 0 {
                        f.lost_intents += 1;
                    }
                    break;
                }
                Verdict::NotMade => {
                    // Given up while the request exists unseen: a lost intent.
                    if count > 0 {
                        f.lost_intents += 1;
                        break;
                    }
                    f.not_made_then_sent_again += 1;
                }
                Verdict::LookAt(_) => unreachable!(),
            }
        }
        assert!(made_said, "withdrawal {i} never made");
        if slow {
            // A slow commit the lookup gave up on would land now.
            tokio::time::sleep(Duration::from_millis(SLOW_MS)).await;
        }
        let made = s.withdrawal_count(&who).await - before;
        f.double_payouts += made.saturating_sub(1);
        assert_eq!(made, 1, "withdrawal {i}: {made} requests");
    }
}

async fn organizations(s: &Stub, n: u64, rng: &mut Rng, f: &mut Figures) {
    let who = s.sign_in("+79990000003").await;
    let create = format!("{P}/{DEALER}/organizations/create");
    for i in 0..n {
        f.organizations += 1;
        let inn = format!("{:010}", 7_700_000_000u64 + i);
        let body = json!({"type": "LEGAL", "name": format!("ООО «Прогон {i}»"), "inn": inn, "kpp": "770201001", "legalAddress": "Москва"});
        let mut lost = false;
        let mut said_added = false;
        let mut slow = false;
        for _attempt in 0..10 {
            let fault = rng.fault(&FAULTS, &mut f.faults, "org ");
            slow |= fault == Fault::SlowAfterCommit;
            s.inject(&create, fault).await;
            f.organization_sends += 1;
            let sent_at = now_ms();
            let r = s
                .send_raw(&who, false, &create, &body)
                .await
                .and_then(|raw| read_done(&raw, now_ms() / 1000));
            let first = match (sent(&r), &r) {
                (Sent::Made, _) => Ok(Verdict::Made),
                (Sent::Refused, Err(ApiError::Conflict(_))) if lost => {
                    // The app's rule: a 409 for an INN whose answer was lost means it is there.
                    f.organization_409_after_loss += 1;
                    let l = s.organization_inns(&who).await.unwrap();
                    assert!(organization_added(l.iter().map(String::as_str), &inn));
                    Ok(Verdict::Made)
                }
                (Sent::Refused, _) => panic!("organization {i}: refused: {r:?}"),
                (Sent::Unsure { in_flight }, _) => Err(in_flight),
            };
            let v = match first {
                Ok(v) => v,
                Err(in_flight) => {
                    lost = true;
                    until_sure(async || {
                        let at = now_ms();
                        match s.organization_inns(&who).await {
                            Ok(l) => {
                                let found = organization_added(l.iter().map(String::as_str), &inn);
                                verdict(sent_at, found, in_flight, at, TIMING)
                            }
                            Err(_) => look_failed(at, TIMING),
                        }
                    })
                    .await
                }
            };
            let listed = organization_added(
                s.organization_inns(&who)
                    .await
                    .unwrap()
                    .iter()
                    .map(String::as_str),
                &inn,
            );
            match v {
                Verdict::Made => {
                    said_added = true;
                    if !listed {
                        f.lost_organizations += 1;
                    }
                    break;
                }
                Verdict::NotMade if listed => {
                    f.lost_organizations += 1;
                    break;
                }
                _ => {}
            }
        }
        assert!(said_added, "organization {i} never added");
        if slow {
            tokio::time::sleep(Duration::from_millis(SLOW_MS)).await;
        }
        let (_, p) = s.get(&format!("{P}/{DEALER}"), Some(&who.token)).await;
        let same = p["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["inn"] == inn.as_str())
            .count() as u64;
        f.double_organizations += same.saturating_sub(1);
        assert_eq!(same, 1, "organization {i}: {same} listed");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawals_and_organizations_under_faults_are_made_once_and_never_lost() {
    let n = runs("PAYOUT_FAULT_RUNS");
    let s = start(stub_api::Options {
        otp_cooldown_secs: 0,
        ..stub_api::Options::default()
    })
    .await;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut f = Figures::default();
    withdrawals(&s, n, &mut rng, &mut f).await;
    organizations(&s, n / 2, &mut rng, &mut f).await;
    println!("withdrawal and organization fault run through the stub: {f:#?}");
    assert_eq!((f.withdrawals, f.organizations), (n, n / 2));
    assert_eq!(f.double_payouts, 0);
    assert_eq!(f.lost_intents, 0);
    assert_eq!(f.double_organizations, 0);
    assert_eq!(f.lost_organizations, 0);
    assert_eq!(f.faults.len(), 2 * FAULTS.len(), "every fault was met");
    assert!(f.found_by_look > 0 && f.reloads > 0 && f.failed_looks > 0);
    assert!(f.not_made_then_sent_again > 0);
}
