//! A JSON document in a TEXT column.
//!
//! `sqlx::types::Json<T>` would be the usual choice, but on PostgreSQL it is a JSONB value,
//! and these columns are TEXT on both backends (the same SQL text runs on each). This is the
//! same idea for text: decoding parses, and a document that does not parse is an error of
//! the query — never a silent fall back to defaults.

use serde::{Serialize, de::DeserializeOwned};
use sqlx::database::Database;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Decode, Encode, Type};

#[derive(Debug, Clone, PartialEq)]
pub struct JsonText<T>(pub T);

impl<T: Serialize> Serialize for JsonText<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<DB: Database, T> Type<DB> for JsonText<T>
where
    str: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <str as Type<DB>>::type_info()
    }
    fn compatible(ty: &DB::TypeInfo) -> bool {
        <str as Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: Database, T: DeserializeOwned> Decode<'r, DB> for JsonText<T>
where
    &'r str: Decode<'r, DB>,
{
    fn decode(v: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let s = <&'r str as Decode<'r, DB>>::decode(v)?;
        Ok(JsonText(serde_json::from_str(s)?))
    }
}

impl<'q, DB: Database, T: Serialize> Encode<'q, DB> for JsonText<T>
where
    String: Encode<'q, DB>,
{
    fn encode_by_ref(&self, buf: &mut DB::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, DB>>::encode(serde_json::to_string(&self.0)?, buf)
    }
}
