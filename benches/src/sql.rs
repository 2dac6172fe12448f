//! The same wallet in SQLite (rusqlite, bundled, in memory): the lots as rows, the
//! drawdown order as a window query (a running sum over expiry, balance, registration,
//! id, with an index in that order), and every change in one transaction, as a Rust
//! user would otherwise write it.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate};
use rusqlite::{Connection, params};
use saifu::{NewLot, Scope};

/// A lot without an expiry sorts after every date.
const NEVER: i64 = 99_999_999;

const SCHEMA: &str = "
CREATE TABLE programs(id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE merchants(id TEXT PRIMARY KEY, name TEXT NOT NULL, small INTEGER NOT NULL);
CREATE TABLE merchant_programs(merchant TEXT NOT NULL, program TEXT NOT NULL,
  PRIMARY KEY(merchant, program)) WITHOUT ROWID;
CREATE TABLE lots(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, code TEXT NOT NULL,
  management_no TEXT NOT NULL, program TEXT NOT NULL, scope INTEGER NOT NULL,
  registered_at INTEGER NOT NULL, exp INTEGER NOT NULL, face INTEGER NOT NULL,
  balance INTEGER NOT NULL);
CREATE INDEX lots_order ON lots(exp, balance, registered_at, id);
CREATE TABLE payments(id INTEGER PRIMARY KEY, merchant TEXT NOT NULL, at INTEGER NOT NULL,
  amount INTEGER NOT NULL, refunded INTEGER NOT NULL DEFAULT 0);
CREATE TABLE allocations(payment INTEGER NOT NULL, seq INTEGER NOT NULL, lot TEXT NOT NULL,
  amount INTEGER NOT NULL, restored INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(payment, seq)) WITHOUT ROWID;
CREATE TABLE refunds(id INTEGER PRIMARY KEY, payment INTEGER NOT NULL, at INTEGER NOT NULL,
  amount INTEGER NOT NULL);
CREATE TABLE forfeits(lot TEXT NOT NULL, amount INTEGER NOT NULL, at INTEGER NOT NULL);
INSERT INTO programs VALUES ('p', 'P');
INSERT INTO merchants VALUES ('m', 'M', 1);
INSERT INTO merchant_programs VALUES ('m', 'p');
";

/// The drawdown order and a running sum: the lots the payment draws on are those whose
/// preceding sum is still short of the amount.
const DRAWDOWN: &str = "
SELECT id, balance, running FROM (
  SELECT id, balance,
         SUM(balance) OVER (ORDER BY exp, balance, registered_at, id
                            ROWS UNBOUNDED PRECEDING) AS running
  FROM lots
  WHERE balance > 0 AND exp >= ?1
    AND (scope = 0 OR (SELECT small FROM merchants WHERE id = ?2))
    AND program IN (SELECT program FROM merchant_programs WHERE merchant = ?2))
WHERE running - balance < ?3
ORDER BY running";

/// Days since the common era: the column `exp` (and the bench's `today`).
pub fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The JST calendar day of `now`, as saifu reads it.
pub fn today(now: &DateTime<FixedOffset>) -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).unwrap();
    now.with_timezone(&jst).date_naive()
}

/// A payment's id, the lots it drew on (id, amount) and the usable balance after.
pub type Paid = (i64, Vec<(String, i64)>, i64);

pub struct Sql {
    pub db: Connection,
}

/// What the balance screen shows, as saifu's `BalanceView` does: the total, by time to
/// expiry, per program, and every lot.
#[derive(Debug)]
pub struct Balance {
    pub total: i64,
    pub under_6_months: i64,
    pub under_1_year: i64,
    pub one_year_or_more: i64,
    pub programs: Vec<(String, i64)>,
    pub lots: Vec<(String, String, String, i64, i64, i64)>,
}

impl Sql {
    /// A fresh database holding `lots` (inserted in one transaction).
    pub fn new(lots: &[NewLot]) -> Sql {
        let mut db = Connection::open_in_memory().unwrap();
        db.execute_batch(SCHEMA).unwrap();
        let tx = db.transaction().unwrap();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO lots(id, code, management_no, program, scope, registered_at,
                     exp, face, balance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .unwrap();
            for lot in lots {
                insert
                    .execute(params![
                        lot.id,
                        lot.code.as_str(),
                        lot.management_no,
                        lot.program,
                        i64::from(lot.scope == Scope::SmallStoresOnly),
                        lot.registered_at.timestamp(),
                        lot.expires_on.map_or(NEVER, day),
                        lot.face_value.minor(),
                        lot.balance.minor(),
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
        Sql { db }
    }

    /// Pays `amount` at `merchant`: the window query, then the payment, its allocations
    /// and the lots' new balances in one transaction; returns the payment's id, the lots
    /// drawn on (id, amount) and the usable balance after, as saifu's receipt does.
    pub fn pay(
        &mut self,
        merchant: &str,
        amount: i64,
        now: &DateTime<FixedOffset>,
    ) -> Option<Paid> {
        let today = day(today(now));
        let tx = self.db.transaction().unwrap();
        let mut drawn = Vec::new();
        {
            let mut q = tx.prepare_cached(DRAWDOWN).unwrap();
            let mut rows = q.query(params![today, merchant, amount]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let (id, balance, running): (String, i64, i64) = (
                    row.get(0).unwrap(),
                    row.get(1).unwrap(),
                    row.get(2).unwrap(),
                );
                let before = running - balance;
                drawn.push((id, balance.min(amount - before)));
            }
        }
        if drawn.iter().map(|d| d.1).sum::<i64>() < amount {
            return None; // dropped: rolled back
        }
        tx.prepare_cached("INSERT INTO payments(merchant, at, amount) VALUES (?1, ?2, ?3)")
            .unwrap()
            .execute(params![merchant, now.timestamp_millis(), amount])
            .unwrap();
        let payment = tx.last_insert_rowid();
        {
            let mut update = tx
                .prepare_cached("UPDATE lots SET balance = balance - ?2 WHERE id = ?1")
                .unwrap();
            let mut allocate = tx
                .prepare_cached(
                    "INSERT INTO allocations(payment, seq, lot, amount) VALUES (?1, ?2, ?3, ?4)",
                )
                .unwrap();
            for (seq, (lot, take)) in drawn.iter().enumerate() {
                update.execute(params![lot, take]).unwrap();
                allocate
                    .execute(params![payment, seq as i64, lot, take])
                    .unwrap();
            }
        }
        let after: i64 = tx
            .prepare_cached("SELECT COALESCE(SUM(balance), 0) FROM lots WHERE exp >= ?1")
            .unwrap()
            .query_row([today], |r| r.get(0))
            .unwrap();
        tx.commit().unwrap();
        Some((payment, drawn, after))
    }

    /// Refunds `amount` of `payment`: back to the lots it drew on, latest first, each up
    /// to what it gave, in one transaction; returns what each lot got back.
    pub fn refund(
        &mut self,
        payment: i64,
        amount: i64,
        now: &DateTime<FixedOffset>,
    ) -> Option<Vec<(i64, String, i64)>> {
        let tx = self.db.transaction().unwrap();
        let (paid, refunded): (i64, i64) = tx
            .prepare_cached("SELECT amount, refunded FROM payments WHERE id = ?1")
            .unwrap()
            .query_row([payment], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok()?;
        if amount <= 0 || paid - refunded < amount {
            return None;
        }
        let mut left = amount;
        let mut restored = Vec::new();
        {
            let mut q = tx
                .prepare_cached(
                    "SELECT seq, lot, amount - restored FROM allocations
                     WHERE payment = ?1 AND amount > restored ORDER BY seq DESC",
                )
                .unwrap();
            let mut rows = q.query([payment]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                if left == 0 {
                    break;
                }
                let (seq, lot, open): (i64, String, i64) = (
                    row.get(0).unwrap(),
                    row.get(1).unwrap(),
                    row.get(2).unwrap(),
                );
                let give = open.min(left);
                left -= give;
                restored.push((seq, lot, give));
            }
        }
        {
            let mut lot = tx
                .prepare_cached("UPDATE lots SET balance = balance + ?2 WHERE id = ?1")
                .unwrap();
            let mut alloc = tx
                .prepare_cached(
                    "UPDATE allocations SET restored = restored + ?3 WHERE payment = ?1 AND seq = ?2",
                )
                .unwrap();
            for (seq, id, give) in &restored {
                lot.execute(params![id, give]).unwrap();
                alloc.execute(params![payment, seq, give]).unwrap();
            }
        }
        tx.prepare_cached("UPDATE payments SET refunded = refunded + ?2 WHERE id = ?1")
            .unwrap()
            .execute(params![payment, amount])
            .unwrap();
        tx.prepare_cached("INSERT INTO refunds(payment, at, amount) VALUES (?1, ?2, ?3)")
            .unwrap()
            .execute(params![payment, now.timestamp_millis(), amount])
            .unwrap();
        tx.commit().unwrap();
        Some(restored)
    }

    /// Takes back what [`Sql::refund`] did (off the clock, between bench iterations).
    pub fn undo_refund(&mut self, payment: i64, restored: &[(i64, String, i64)]) {
        let tx = self.db.transaction().unwrap();
        let mut total = 0;
        for (seq, id, give) in restored {
            tx.execute(
                "UPDATE lots SET balance = balance - ?2 WHERE id = ?1",
                params![id, give],
            )
            .unwrap();
            tx.execute(
                "UPDATE allocations SET restored = restored - ?3 WHERE payment = ?1 AND seq = ?2",
                params![payment, seq, give],
            )
            .unwrap();
            total += give;
        }
        tx.execute(
            "UPDATE payments SET refunded = refunded - ?2 WHERE id = ?1",
            params![payment, total],
        )
        .unwrap();
        tx.execute("DELETE FROM refunds", []).unwrap();
        tx.commit().unwrap();
    }

    /// The expiry sweep: every lot expired before today with value left forfeits it
    /// (recorded), in one transaction; returns (lots, total) forfeited.
    pub fn sweep(&mut self, now: &DateTime<FixedOffset>) -> (usize, i64) {
        let today = day(today(now));
        let tx = self.db.transaction().unwrap();
        let total: i64 = tx
            .prepare_cached(
                "SELECT COALESCE(SUM(balance), 0) FROM lots WHERE exp < ?1 AND balance > 0",
            )
            .unwrap()
            .query_row([today], |r| r.get(0))
            .unwrap();
        let count = tx
            .prepare_cached(
                "INSERT INTO forfeits SELECT id, balance, ?2 FROM lots WHERE exp < ?1 AND balance > 0",
            )
            .unwrap()
            .execute(params![today, now.timestamp_millis()])
            .unwrap();
        tx.prepare_cached("UPDATE lots SET balance = 0 WHERE exp < ?1 AND balance > 0")
            .unwrap()
            .execute([today])
            .unwrap();
        tx.commit().unwrap();
        (count, total)
    }

    /// Takes back what [`Sql::sweep`] did (off the clock).
    pub fn undo_sweep(&mut self) {
        self.db
            .execute_batch(
                "BEGIN;
                 UPDATE lots SET balance = (SELECT amount FROM forfeits WHERE lot = lots.id)
                   WHERE id IN (SELECT lot FROM forfeits);
                 DELETE FROM forfeits;
                 COMMIT;",
            )
            .unwrap();
    }

    /// The balance screen, read in one transaction.
    pub fn balance(&mut self, now: &DateTime<FixedOffset>) -> Balance {
        let d = today(now);
        let six = day(d.checked_add_months(Months::new(6)).unwrap());
        let twelve = day(d.checked_add_months(Months::new(12)).unwrap());
        let today = day(d);
        let tx = self.db.transaction().unwrap();
        let (total, under_6_months, under_1_year, one_year_or_more) = tx
            .prepare_cached(
                "SELECT COALESCE(SUM(balance), 0),
                        COALESCE(SUM(CASE WHEN exp < ?2 THEN balance END), 0),
                        COALESCE(SUM(CASE WHEN exp >= ?2 AND exp < ?3 THEN balance END), 0),
                        COALESCE(SUM(CASE WHEN exp >= ?3 THEN balance END), 0)
                 FROM lots WHERE exp >= ?1 AND balance > 0",
            )
            .unwrap()
            .query_row(params![today, six, twelve], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        let programs = tx
            .prepare_cached(
                "SELECT p.id, COALESCE(SUM(l.balance), 0) FROM programs p
                 LEFT JOIN lots l ON l.program = p.id AND l.exp >= ?1 GROUP BY p.id",
            )
            .unwrap()
            .query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let lots = tx
            .prepare_cached(
                "SELECT id, program, code, exp, registered_at, balance FROM lots ORDER BY seq",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        tx.commit().unwrap();
        Balance {
            total,
            under_6_months,
            under_1_year,
            one_year_or_more,
            programs,
            lots,
        }
    }

    /// Saving: the database's image (what a file on disk would hold).
    pub fn save(&self) -> Vec<u8> {
        self.db.serialize("main").unwrap().to_vec()
    }

    /// Loading: a fresh in-memory database from an image, then one query so SQLite has
    /// read it (it checks the header, not the rows).
    pub fn load(image: &[u8]) -> Sql {
        let mut db = Connection::open_in_memory().unwrap();
        db.deserialize_read_exact("main", image, image.len(), false)
            .unwrap();
        let _: i64 = db
            .query_row("SELECT COUNT(*) FROM lots", [], |r| r.get(0))
            .unwrap();
        Sql { db }
    }

    /// The replay of the events log the saifu bench replays: a charge of `lots`, one
    /// payment drawing on all of them, and its refund in full, as the same statements.
    pub fn replay(lots: &[NewLot], now: &DateTime<FixedOffset>) -> Sql {
        let mut sql = Sql::new(lots);
        let total: i64 = lots.iter().map(|l| l.balance.minor()).sum();
        let (payment, _, _) = sql.pay("m", total, now).unwrap();
        sql.refund(payment, total, now).unwrap();
        sql
    }
}
