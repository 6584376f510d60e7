//! `duban user …` and `duban unit …`: accounts and units, as the administrator of the
//! command line (every government).

use crate::commands::read_password;
use crate::output::table;
use crate::{UnitCmd, UserCmd};
use anyhow::{Result, anyhow};
use duban_app::core::Role;
use duban_app::{Actor, App, admin};

pub async fn user(app: &App, cmd: UserCmd) -> Result<()> {
    let cli = Actor::cli();
    match cmd {
        UserCmd::Add {
            username,
            role,
            unit,
            name,
        } => {
            let role: Role = role.parse().map_err(|_| {
                anyhow!(
                    "角色“{role}”无效，应为 admin、supervisor、reporter、approver、leader 或 viewer"
                )
            })?;
            let password = read_password()?;
            let u = admin::add_user(
                app,
                &cli,
                admin::NewUser {
                    username: &username,
                    display_name: name.as_deref(),
                    role,
                    unit: unit.as_deref(),
                    password: &password,
                },
            )
            .await?;
            println!(
                "已添加用户 {}（{}{}）",
                u.username,
                u.role.label(),
                u.unit_name.map(|n| format!("，{n}")).unwrap_or_default()
            );
        }
        UserCmd::Passwd { username } => {
            let password = read_password()?;
            admin::set_password(app, &cli, &username, &password).await?;
            println!("已修改用户 {username} 的密码");
        }
        UserCmd::Disable { username } => {
            admin::disable_user(app, &cli, &username).await?;
            println!("已停用用户 {username}（其登录会话已全部结束）");
        }
        UserCmd::Enable { username } => {
            admin::enable_user(app, &cli, &username).await?;
            println!("已启用用户 {username}");
        }
        UserCmd::Delete { username } => {
            admin::delete_user(app, &cli, &username).await?;
            println!("已删除用户 {username}（账户已匿名化，审计记录保留）");
        }
        UserCmd::Unlock { username } => {
            let n = admin::unlock_user(app, &cli, &username).await?;
            println!("已解除用户 {username} 的登录锁定（清除 {n} 个来源地址的失败记录）");
        }
        UserCmd::List => {
            let rows: Vec<Vec<String>> = admin::users(app, &cli)
                .await?
                .into_iter()
                .map(|u| {
                    vec![
                        u.id.to_string(),
                        u.username,
                        u.display_name,
                        u.role.label().to_string(),
                        u.unit_name.unwrap_or_default(),
                        if u.active { "启用" } else { "停用" }.to_string(),
                    ]
                })
                .collect();
            print!(
                "{}",
                table(&["编号", "用户名", "姓名", "角色", "单位", "状态"], &rows)
            );
        }
    }
    Ok(())
}

pub async fn unit(app: &App, cmd: UnitCmd) -> Result<()> {
    let cli = Actor::cli();
    match cmd {
        UnitCmd::Add { name, parent } => {
            let u = admin::add_unit(app, &cli, &name, parent.as_deref()).await?;
            println!("已添加单位 {}（编号 {}，{}）", u.name, u.id, u.kind.label());
        }
        UnitCmd::List => {
            let units = admin::units(app).await?;
            let rows: Vec<Vec<String>> = units
                .iter()
                .map(|u| {
                    let parent = u
                        .parent_id
                        .and_then(|p| units.iter().find(|x| x.id == p))
                        .map(|p| p.name.clone());
                    vec![
                        u.id.to_string(),
                        u.name.clone(),
                        u.kind.label().to_string(),
                        parent.unwrap_or_default(),
                    ]
                })
                .collect();
            print!("{}", table(&["编号", "单位", "类型", "上级单位"], &rows));
        }
    }
    Ok(())
}
