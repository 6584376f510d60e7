//! 会话: the current user.

use duban_app::Actor;
use duban_app::core::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

/// Who is logged in: the role decides the menus, the unit what may be seen.
#[derive(Serialize, ToSchema)]
pub struct ActorDto {
    pub user_id: Option<i64>,
    pub username: String,
    pub display_name: String,
    /// supervisor | leader | approver | reporter | viewer | admin（角色代码）
    #[schema(value_type = String)]
    pub role: Role,
    /// 角色的中文名称
    pub role_label: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

impl From<Actor> for ActorDto {
    fn from(a: Actor) -> Self {
        Self {
            user_id: a.user_id,
            username: a.username,
            display_name: a.display_name,
            role_label: a.role.label().to_string(),
            role: a.role,
            unit_id: a.unit_id,
            unit_name: a.unit_name,
        }
    }
}
