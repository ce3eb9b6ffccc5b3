//! A realistic, deterministic demo office: a province after the 2025 reform (≈150 communes, ≈10,000 cadres) or a
//! single commune. The same seed always gives the same people. Names and places come from assets/demo (invented).

use crate::catalog::{self, CatalogPosition};
use crate::error::{Result, ServiceError};
use crate::office::{create_office_with, NewOffice};
use crate::tsv::Tsv;
use chrono::{Datelike, NaiveDate};
use domain::dates::add_years;
use domain::org::{is_leadership_title, unit_code_from_name, APPOINTMENT_TERM_YEARS};
use domain::profile::{Gender, PoliticalTheory, Qualification};
use domain::text::fold;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use store::{AssignmentRecord, Meta, PersonRecord, UnitRecord, Writer};
use ts_rs::TS;
use uuid::Uuid;

mod evaluation;
mod leave;
mod products;
mod work;

pub use leave::leave_demo;

pub use work::DEMO_YEAR;

/// The password of the demo administrator when THUOCDO_PASSWORD is not set (stated in the README).
pub const DEMO_PASSWORD: &str = "thuocdo-demo";
pub const DEMO_ADMIN: &str = "admin";
const PROVINCE_COMMUNES: usize = 152;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum DemoScale {
    Commune,
    Province,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoSummary {
    pub database: String,
    pub scale: DemoScale,
    #[ts(type = "number")]
    pub seed: u64,
    pub office_unit: String,
    pub units: usize,
    pub people: usize,
    /// The year the demo's targets, progress, products and breakthrough tasks belong to.
    pub year: i32,
    pub targets: usize,
    pub progress_reports: usize,
    pub products: usize,
    pub breakthrough_tasks: usize,
    /// One finished (locked) review meeting per commune.
    pub review_meetings: usize,
    pub admin: String,
    /// The administrator's password when it is the demo default (not chosen through THUOCDO_PASSWORD).
    pub default_password: Option<String>,
}

struct Names {
    surnames: Weighted,
    middle: HashMap<Gender, Weighted>,
    given: HashMap<Gender, Weighted>,
    communes: Vec<(String, String)>,
    hamlets: Vec<String>,
}

struct Weighted(Vec<(String, u32)>, u32);

impl Weighted {
    fn new(items: Vec<(String, u32)>) -> Self {
        let total = items.iter().map(|(_, w)| w).sum();
        Weighted(items, total)
    }

    fn pick(&self, rng: &mut ChaCha8Rng) -> &str {
        let mut ticket = rng.gen_range(0..self.1.max(1));
        for (item, weight) in &self.0 {
            if ticket < *weight {
                return item;
            }
            ticket -= weight;
        }
        self.0.last().map(|(s, _)| s.as_str()).unwrap_or("")
    }
}

fn gender_of(code: &str) -> Gender {
    if code == "female" {
        Gender::Female
    } else {
        Gender::Male
    }
}

fn load_names() -> Names {
    let weighted_by_gender = |text: &str, column: &str| -> HashMap<Gender, Weighted> {
        let tsv = Tsv::parse(text);
        let mut by: HashMap<Gender, Vec<(String, u32)>> = HashMap::new();
        for r in tsv.records() {
            by.entry(gender_of(r.get("gender"))).or_default().push((r.get(column).to_string(), r.get("weight").parse().unwrap_or(1)));
        }
        by.into_iter().map(|(g, items)| (g, Weighted::new(items))).collect()
    };
    let surnames = Tsv::parse(include_str!("../../../../assets/demo/surnames.tsv"));
    let communes = Tsv::parse(include_str!("../../../../assets/demo/commune_names.tsv"));
    let hamlets = Tsv::parse(include_str!("../../../../assets/demo/hamlets.tsv"));
    Names {
        surnames: Weighted::new(surnames.records().map(|r| (r.get("surname").to_string(), r.get("weight").parse().unwrap_or(1))).collect()),
        middle: weighted_by_gender(include_str!("../../../../assets/demo/middle_names.tsv"), "middle"),
        given: weighted_by_gender(include_str!("../../../../assets/demo/given_names.tsv"), "given"),
        communes: communes.records().map(|r| (r.get("kind").to_string(), r.get("name").to_string())).collect(),
        hamlets: hamlets.records().map(|r| r.get("name").to_string()).collect(),
    }
}

struct Agency {
    suffix: String,
    name: String,
}

fn agencies() -> Vec<Agency> {
    Tsv::parse(include_str!("../../../../assets/demo/agencies.tsv"))
        .records()
        .map(|r| Agency { suffix: r.get("code_suffix").to_string(), name: r.get("name").to_string() })
        .collect()
}

/// "xa" → ("commune", "xã"): the level code and the word used in names.
fn commune_kind(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "phuong" => ("ward", "phường"),
        "dac_khu" => ("special_zone", "đặc khu"),
        _ => ("commune", "xã"),
    }
}

/// Agency names carry the level word "xã"; a ward's agencies say "phường" and every name ends with the place.
fn agency_name(template: &str, word: &str, place: &str) -> String {
    let replaced = template.strip_suffix(" xã").map(|head| format!("{head} {word}")).unwrap_or_else(|| format!("{template} {word}"));
    format!("{replaced} {place}")
}

/// Writes the demo office into a new database at `path`. `password` defaults to DEMO_PASSWORD.
pub fn create_demo(path: &Path, scale: DemoScale, seed: u64, password: Option<&str>) -> Result<DemoSummary> {
    let names = load_names();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (province_code, province_name) = ("SL", "Tỉnh Sông Lam");
    let mut communes = names.communes.clone();
    communes.shuffle(&mut rng);
    let new_office = match scale {
        DemoScale::Province => NewOffice {
            unit_name: province_name.into(),
            unit_code: province_code.into(),
            level: "province".into(),
            parent_code: None,
            admin: DEMO_ADMIN.into(),
        },
        DemoScale::Commune => {
            let (kind, name) = &communes[0];
            let (level, word) = commune_kind(kind);
            NewOffice {
                unit_name: format!("{} {name}", capitalise(word)),
                unit_code: unit_code_from_name(&format!("{word} {name}")),
                level: level.into(),
                parent_code: Some(province_code.into()),
                admin: DEMO_ADMIN.into(),
            }
        }
    };
    let positions = catalog::positions();
    let agencies = agencies();
    let mut generator = Generator {
        rng,
        names,
        identities: HashSet::new(),
        owner: Uuid::nil(),
        now: chrono::Utc::now(),
        units: 1,
        people: 0,
        communes: Vec::new(),
        evaluated: Vec::new(),
        led_targets: HashMap::new(),
        kinds: catalog::product_kinds().into_iter().map(|k| (k.code.clone(), k)).collect(),
        meetings: 0,
        work: work::WorkCounts::default(),
    };

    // The office and its people in one transaction: a failure leaves no half-made demo behind.
    create_office_with(path, &new_office, password.unwrap_or(DEMO_PASSWORD), |w, stamp| {
        generator.owner = stamp.owner;
        generator.now = stamp.now;
        w.mark_demo(stamp.now)?;
        let position_ids: HashMap<String, Uuid> = w.read().positions()?.into_iter().map(|p| (p.code, p.meta.id)).collect();
        match scale {
            DemoScale::Province => {
                for (kind, name) in communes.iter().take(PROVINCE_COMMUNES) {
                    let (level, word) = commune_kind(kind);
                    let commune_id = generator.unit(
                        w,
                        &unit_code_from_name(&format!("{word} {name}")),
                        &format!("{} {name}", capitalise(word)),
                        level,
                        Some(stamp.owner),
                    )?;
                    generator.commune(w, commune_id, kind, name, &agencies, &positions, &position_ids)?;
                }
            }
            DemoScale::Commune => {
                let (kind, name) = &communes[0];
                generator.commune(w, stamp.owner, kind, name, &agencies, &positions, &position_ids)?;
            }
        }
        // Measured work after the people, so the same seed still gives the same roster.
        let office_unit = match scale {
            DemoScale::Province => Some((stamp.owner, province_code)),
            DemoScale::Commune => None,
        };
        generator.measured_work(w, office_unit)?;
        generator.evaluations(w)?;
        w.audit(DEMO_ADMIN, "demo.create", &format!("{scale:?} seed {seed}"))?;
        Ok(())
    })?;
    let default_password = password.is_none().then(|| DEMO_PASSWORD.to_string());
    Ok(DemoSummary {
        database: path.display().to_string(),
        scale,
        seed,
        office_unit: new_office.unit_code,
        units: generator.units,
        people: generator.people,
        targets: generator.work.targets,
        progress_reports: generator.work.reports,
        products: generator.work.products,
        breakthrough_tasks: generator.work.breakthrough,
        review_meetings: generator.meetings,
        year: work::DEMO_YEAR,
        admin: DEMO_ADMIN.into(),
        default_password,
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

struct Generator {
    rng: ChaCha8Rng,
    names: Names,
    identities: HashSet<(String, NaiveDate)>,
    owner: Uuid,
    now: chrono::DateTime<chrono::Utc>,
    units: usize,
    people: usize,
    communes: Vec<work::CommuneFacts>,
    /// Everyone generated, with whether they lead: the demo evaluates them all.
    evaluated: Vec<(Uuid, bool)>,
    /// The targets each cadre answers for (id, name), carried into their monthly products.
    led_targets: HashMap<Uuid, Vec<(Uuid, String)>>,
    /// The product catalogue by code.
    kinds: HashMap<String, catalog::ProductKind>,
    meetings: usize,
    work: work::WorkCounts,
}

const MAJORS: [&str; 10] = [
    "Luật",
    "Kinh tế",
    "Quản lý nhà nước",
    "Hành chính học",
    "Kế toán",
    "Xây dựng Đảng",
    "Nông nghiệp",
    "Quản lý đất đai",
    "Sư phạm",
    "Công nghệ thông tin",
];

impl Generator {
    /// Ids drawn from the seeded generator, so the same seed gives the same ids.
    fn meta(&mut self, w: &Writer<'_>) -> Result<Meta> {
        let id = uuid::Builder::from_random_bytes(self.rng.gen()).into_uuid();
        Ok(Meta { id, owner_unit: self.owner, revision: w.next_revision()?, created_at: self.now, updated_at: self.now })
    }

    fn unit(&mut self, w: &Writer<'_>, code: &str, name: &str, level: &str, parent: Option<Uuid>) -> Result<Uuid> {
        let meta = self.meta(w)?;
        let id = meta.id;
        w.insert_unit(&UnitRecord {
            meta,
            code: code.into(),
            name: name.into(),
            level: level.into(),
            parent_id: parent,
            ended_on: None,
            merged_into: None,
        })?;
        self.units += 1;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    fn commune(
        &mut self,
        w: &Writer<'_>,
        commune_id: Uuid,
        kind: &str,
        place: &str,
        agencies: &[Agency],
        positions: &[CatalogPosition],
        position_ids: &HashMap<String, Uuid>,
    ) -> Result<()> {
        let (_, word) = commune_kind(kind);
        let commune_code =
            w.read().unit_by_id(commune_id)?.map(|u| u.code).ok_or_else(|| ServiceError::Internal("demo commune missing".into()))?;
        let mut agency_ids: HashMap<&str, Uuid> = HashMap::new();
        let mut facts = work::CommuneFacts {
            unit_id: commune_id,
            code: commune_code.clone(),
            place: format!("{word} {place}"),
            agencies: HashMap::new(),
            leaders: Vec::new(),
        };
        for agency in agencies {
            // A ward has the economic, infrastructure and urban division instead of the economic division.
            let skip = if kind == "phuong" { agency.suffix == "PKT" } else { agency.suffix == "PKTHTDT" };
            if skip {
                continue;
            }
            let id = self.unit(
                w,
                &format!("{commune_code}-{}", agency.suffix),
                &agency_name(&agency.name, word, place),
                "agency",
                Some(commune_id),
            )?;
            let key = if agency.suffix == "PKTHTDT" { "PKT" } else { agency.suffix.as_str() };
            agency_ids.insert(key, id);
            facts.agencies.insert(key.to_string(), id);
        }
        for position in positions {
            let Some(&unit_id) = agency_ids.get(position.agency_suffix.as_str()) else { continue };
            let position_id = position_ids
                .get(&position.code)
                .copied()
                .ok_or_else(|| ServiceError::Internal(format!("position {} missing", position.code)))?;
            let extra = usize::from(position.per_commune >= 3 && self.rng.gen_bool(0.5));
            for _ in 0..position.per_commune + extra {
                let person_id = self.person(w, unit_id, position, position_id, place)?;
                if position.is_head || is_leadership_title(&position.name) {
                    facts.leaders.push((person_id, position.code.clone(), position.name.clone()));
                }
            }
        }
        self.communes.push(facts);
        Ok(())
    }

    fn person(&mut self, w: &Writer<'_>, unit_id: Uuid, position: &CatalogPosition, position_id: Uuid, place: &str) -> Result<Uuid> {
        let leader = is_leadership_title(&position.name) || position.is_head;
        let female_share = if leader { 0.25 } else { 0.5 };
        let gender = if self.rng.gen_bool(female_share) { Gender::Female } else { Gender::Male };
        let (min_age, max_age) = if leader { (32, 58) } else { (23, 57) };
        let (full_name, birth_date) = loop {
            let name = format!(
                "{} {} {}",
                self.names.surnames.pick(&mut self.rng),
                self.names.middle[&gender].pick(&mut self.rng),
                self.names.given[&gender].pick(&mut self.rng)
            );
            let age = self.rng.gen_range(min_age..=max_age);
            let birth = NaiveDate::from_ymd_opt(2026 - age, self.rng.gen_range(1..=12), self.rng.gen_range(1..=28)).unwrap_or_default();
            if self.identities.insert((fold(&name), birth)) {
                break (name, birth);
            }
        };
        let is_local = self.rng.gen_bool(if position.code == "bi_thu_dang_uy" { 0.1 } else { 0.7 });
        let hamlet = self.names.hamlets.choose(&mut self.rng).cloned().unwrap_or_default();
        let home_place = if is_local {
            place.to_string()
        } else {
            self.names.communes.choose(&mut self.rng).map(|(_, n)| n.clone()).unwrap_or_default()
        };
        let qualification = match self.rng.gen_range(0..100) {
            0..=1 => Qualification::Doctorate,
            2..=17 => Qualification::Master,
            18..=89 => Qualification::University,
            90..=94 => Qualification::College,
            _ => Qualification::Intermediate,
        };
        let major = MAJORS.choose(&mut self.rng).copied().unwrap_or("Luật");
        let political_theory = match (leader, self.rng.gen_range(0..100)) {
            (true, 0..=34) => Some(PoliticalTheory::Advanced),
            (true, _) => Some(PoliticalTheory::Intermediate),
            (false, 0..=29) => Some(PoliticalTheory::Intermediate),
            (false, 30..=69) => Some(PoliticalTheory::Elementary),
            (false, _) => None,
        };
        let meta = self.meta(w)?;
        let person_id = meta.id;
        let ethnicity = Some(demo_ethnicity(&full_name).to_string());
        w.insert_person(&PersonRecord {
            meta,
            full_name,
            birth_date,
            birth_year_only: false,
            gender,
            hometown: Some(format!("{hamlet}, {place_word} {home_place}", place_word = "xã")),
            is_local: Some(is_local),
            party_member: leader || self.rng.gen_bool(0.7),
            qualification: Some(qualification),
            qualification_detail: Some(format!("{} {major}", qualification.label(domain::Lang::Vi))),
            political_theory,
            unit_id,
            ethnicity,
        })?;
        self.people += 1;
        self.evaluated.push((person_id, leader));

        // Most leaders took their post when the two-tier communes started on 1/7/2025; some earlier posts are history.
        let reform = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default();
        let start = if leader && self.rng.gen_bool(0.7) {
            reform
        } else if leader {
            // Leaders outside the reform wave were appointed within their current five-year term.
            NaiveDate::from_ymd_opt(self.rng.gen_range(2021..=2025), self.rng.gen_range(1..=6), 1).unwrap_or(reform)
        } else {
            let earliest = birth_date.year() + 22;
            let year = self.rng.gen_range(earliest.min(2025)..=2025);
            NaiveDate::from_ymd_opt(year, self.rng.gen_range(1..=12), 1).unwrap_or(reform)
        };
        if leader && start == reform && self.rng.gen_bool(0.5) {
            let earlier = NaiveDate::from_ymd_opt(self.rng.gen_range(2015..=2021), self.rng.gen_range(1..=12), 1).unwrap_or(reform);
            let meta = self.meta(w)?;
            w.insert_assignment(&AssignmentRecord {
                meta,
                person_id,
                position_id,
                unit_id,
                start_kind: "appointment".into(),
                start_date: Some(earlier),
                reappointment_due: Some(add_years(earlier, APPOINTMENT_TERM_YEARS)),
                end_date: Some(reform),
                end_reason: Some("rotation".into()),
            })?;
        }
        let meta = self.meta(w)?;
        w.insert_assignment(&AssignmentRecord {
            meta,
            person_id,
            position_id,
            unit_id,
            start_kind: if leader { "appointment".into() } else { "recruitment".into() },
            start_date: Some(start),
            reappointment_due: leader.then(|| add_years(start, APPOINTMENT_TERM_YEARS)),
            end_date: None,
            end_reason: None,
        })?;
        Ok(person_id)
    }
}

/// A demo person's ethnic group, most Kinh and about one in six of a minority of the northern and central provinces.
/// Taken from the name rather than the generator, so that adding it changed no other demo figure.
fn demo_ethnicity(full_name: &str) -> &'static str {
    const MINORITIES: [&str; 6] = ["Tày", "Thái", "Mường", "Nùng", "Mông", "Dao"];
    let spread = full_name.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    match spread % 100 {
        0..=83 => domain::ethnicity::MAJORITY,
        n => MINORITIES[(n as usize - 84) % MINORITIES.len()],
    }
}
