package io.opensop.engine.transfer;

import io.opensop.engine.EngineServices;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Users and forms the import, export and webhook tests share. */
final class TransferFixture {

    final EngineServices engine;
    final Actor admin;
    final Actor rep;
    final Actor otherRep;
    final Actor viewer;
    final Actor manager;

    TransferFixture(EngineServices engine) {
        this.engine = engine;
        this.admin = actor(user("boss", "Big Boss", "admin"), Locale.ENGLISH);
        this.rep = actor(user("rep_a", "王小明", "sales_rep"), Locale.ENGLISH);
        this.otherRep = actor(user("rep_b", "Bob Rep", "sales_rep"), Locale.ENGLISH);
        this.viewer = actor(user("viewer", "Viewer", "read_only"), Locale.ENGLISH);
        this.manager = actor(user("mgr", "Manager", "sales_manager"), Locale.ENGLISH);
        engine.forms().create(admin, FormJson.read("""
                {"key":"account","label":{"en":"Account","zh-CN":"客户"},"titleField":"name",
                 "fields":[
                   {"key":"code","type":"text","label":{"en":"Code"},"unique":true},
                   {"key":"name","type":"text","label":{"en":"Name"},"required":true}],
                 "permissions":{"create":["sales_rep"],"read":["sales_rep","read_only","sales_manager"]},
                 "access":{"rowScopes":{"sales_rep":"all","read_only":"all","sales_manager":"all"}}}
                """));
        engine.forms().publish(admin, "account", false);
        engine.forms().create(admin, FormJson.read("""
                {"key":"deal","label":{"en":"Deal","zh-CN":"商机"},"titleField":"name",
                 "fields":[
                   {"key":"ref","type":"text","label":{"en":"Reference","zh-CN":"编号"}},
                   {"key":"name","type":"text","label":{"en":"Name","zh-CN":"名称"},"required":true},
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"金额"}},
                   {"key":"cost","type":"money","label":{"en":"Cost","zh-CN":"成本"}},
                   {"key":"close_date","type":"date","label":{"en":"Close date","zh-CN":"成交日期"}},
                   {"key":"level","type":"single_select","label":{"en":"Level","zh-CN":"级别"},
                    "options":[{"key":"a","label":{"en":"Alpha","zh-CN":"甲"}},{"key":"b","label":{"en":"Beta","zh-CN":"乙"}}]},
                   {"key":"rep","type":"user","label":{"en":"Rep","zh-CN":"销售"}},
                   {"key":"account","type":"reference","target":"account","label":{"en":"Account","zh-CN":"客户"}},
                   {"key":"won","type":"boolean","label":{"en":"Won"}}],
                 "rules":[{"key":"cap","expression":"OR(ISBLANK(amount), amount <= 1000000)","fields":["amount"],
                           "message":{"en":"Amount may not exceed 1,000,000","zh-CN":"金额不能超过一百万"}}],
                 "permissions":{"create":["sales_rep"],"read":["sales_rep","read_only","sales_manager"],
                                "update":["sales_rep"],"export":["sales_rep","sales_manager"]},
                 "access":{"rowScopes":{"read_only":"all","sales_manager":"all"},
                           "fields":{"sales_rep":{"cost":"hidden"}}}}
                """));
        engine.forms().publish(admin, "deal", false);
        engine.records().create(rep, "account", Map.of("code", "ACME", "name", "Acme Ltd"));
        engine.records().create(rep, "account", Map.of("code", "INIT", "name", "Initech"));
    }

    private UserAccount user(String name, String displayName, String role) {
        return engine.users().create(new NewUser(name, "{noop}x", displayName, null, "en", "Asia/Shanghai", null,
                null, null, Set.of(role)));
    }

    static Actor actor(UserAccount account, Locale locale) {
        return new Actor(account.id(), account.username(), account.roles(), locale, ZoneId.of("Asia/Shanghai"));
    }
}
