//! Reading a profile out of its merged JSON: each part reads itself with
//! the helpers of `crate::json`, and a field left out takes the national
//! default where the type has one.

use serde_json::Value;

use super::{
    Categories, Level1, Placement, Profile, Required, Scoring, Thresholds, WeightGroup, Weights,
};
use crate::finding::Severity;
use crate::json::{self, At, Obj, Read};

impl Level1 {
    fn read(v: &Value, at: &At) -> Read<Level1> {
        let mut o = Obj::of(v, at)?;
        o.done(Level1 {
            name: o.req_string("name"),
            aliases: o.strings("aliases"),
            level2: o.strings("level2"),
            unit_only: o.bool("unit_only").unwrap_or(false),
        })
    }
}

impl Placement {
    fn read(v: &Value, at: &At) -> Read<Placement> {
        let mut o = Obj::of(v, at)?;
        o.done(Placement {
            level1: o.req_string("level1"),
            level2: o.opt_string("level2"),
        })
    }
}

impl Required {
    fn read(v: &Value, at: &At) -> Read<Required> {
        let mut o = Obj::of(v, at)?;
        o.done(Required {
            label: o.req_string("label"),
            any_of: o.req("any_of", |v, at| json::list(v, at, Placement::read)),
        })
    }
}

impl Categories {
    fn read(v: &Value, at: &At) -> Read<Categories> {
        let mut o = Obj::of(v, at)?;
        o.done(Categories {
            tree: o.req("tree", |v, at| json::list(v, at, Level1::read)),
            levels_optional: o.bool("levels_optional").unwrap_or(false),
            required: o.list("required", Required::read),
        })
    }
}

impl WeightGroup {
    fn read(v: &Value, at: &At) -> Read<WeightGroup> {
        let mut o = Obj::of(v, at)?;
        o.done(WeightGroup {
            name: o.req_string("name"),
            level1: o.req("level1", |v, at| json::list(v, at, json::string)),
            points: o.req("points", json::decimal),
        })
    }
}

impl Weights {
    fn read(v: &Value, at: &At) -> Read<Weights> {
        let mut o = Obj::of(v, at)?;
        o.done(Weights {
            execution: o.req("execution", json::decimal),
            groups: o.req("groups", |v, at| json::list(v, at, WeightGroup::read)),
            adjustable: o.bool("adjustable").unwrap_or(false),
        })
    }
}

impl Thresholds {
    fn read(v: &Value, at: &At) -> Read<Thresholds> {
        let mut o = Obj::of(v, at)?;
        let d = Thresholds::default();
        o.done(Thresholds {
            far_above_ratio: o.decimal("far_above_ratio").unwrap_or(d.far_above_ratio),
            satisfaction_floor: o
                .decimal("satisfaction_floor")
                .unwrap_or(d.satisfaction_floor),
            max_name_chars: o.count("max_name_chars").unwrap_or(d.max_name_chars),
            max_text_chars: o.count("max_text_chars").unwrap_or(d.max_text_chars),
            max_funds: o.decimal("max_funds").unwrap_or(d.max_funds),
            execution_explain_below: o
                .decimal("execution_explain_below")
                .unwrap_or(d.execution_explain_below),
        })
    }
}

impl Profile {
    /// Reads a profile from its (merged) JSON.
    pub(crate) fn read(v: &Value, at: &At) -> Read<Profile> {
        let mut o = Obj::of(v, at)?;
        o.done(Profile {
            id: o.req_string("id"),
            version: o.req_string("version"),
            parent: o.opt_string("parent"),
            name: o.string("name"),
            description: o.string("description"),
            categories: o.req("categories", Categories::read),
            weights: o.req("weights", Weights::read),
            vague_words: o.strings("vague_words"),
            vague_targets: o.strings("vague_targets"),
            measurable: o.strings("measurable"),
            scale_words: o.strings("scale_words"),
            thresholds: o.with("thresholds", Thresholds::read).unwrap_or_default(),
            scoring: o.with("scoring", Scoring::read).unwrap_or_default(),
            severities: o.map("severities", Severity::read),
            disabled: o.strings("disabled"),
        })
    }
}
