//! A small cache of recent answers, so going Back or toggling a filter off again shows the
//! list at once instead of asking the backend for what it said a moment ago.

/// Answers older than this are asked for again (stock and prices move).
pub const LIST_TTL_SECS: u64 = 60;
/// How many different views are kept.
pub const LIST_CAPACITY: usize = 12;

/// Keyed answers with an age limit and a size limit (the oldest goes first).
#[derive(Debug)]
pub struct TtlCache<V> {
    entries: Vec<(String, u64, V)>,
    ttl: u64,
    capacity: usize,
}

impl<V: Clone> TtlCache<V> {
    pub fn new(ttl: u64, capacity: usize) -> Self {
        TtlCache {
            entries: Vec::new(),
            ttl,
            capacity: capacity.max(1),
        }
    }

    /// The answer for `key` if it is younger than the age limit at `now`.
    pub fn get(&mut self, key: &str, now: u64) -> Option<V> {
        let ttl = self.ttl;
        self.entries
            .retain(|(_, at, _)| now.saturating_sub(*at) < ttl);
        self.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, v)| v.clone())
    }

    pub fn put(&mut self, key: String, now: u64, value: V) {
        self.entries.retain(|(k, _, _)| *k != key);
        self.entries.push((key, now, value));
        if self.entries.len() > self.capacity {
            let extra = self.entries.len() - self.capacity;
            self.entries.drain(..extra);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_for_a_while_and_the_oldest_leave_first() {
        let mut c = TtlCache::new(60, 2);
        c.put("a".into(), 100, 1);
        assert_eq!(c.get("a", 159), Some(1));
        assert_eq!(c.get("a", 160), None);
        c.put("a".into(), 200, 1);
        c.put("b".into(), 201, 2);
        c.put("a".into(), 202, 3);
        c.put("c".into(), 203, 4);
        assert_eq!(c.get("b", 203), None);
        assert_eq!(c.get("a", 203), Some(3));
        assert_eq!(c.get("c", 203), Some(4));
    }
}
