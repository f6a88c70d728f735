package io.opensop.templates.demo;

import io.opensop.engine.EngineServices;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Fills an instance that has the {@code sales-crm} template installed with a realistic month of sales
 * work (docs/sales-crm.md "Demo data"): an org chart of reps under regional managers, customers with
 * their leads, follow-ups, opportunities moving through the pipeline, contracts signed with the
 * month-end rush and their payments. Everything goes through the engine's record service as the rep
 * who owns it, so formulas, rules, roll-ups, scorecards and SLA clocks hold exactly as for real users.
 * The same seed gives the same data. Customers are written in batches, one transaction each, so the
 * same API streams a million records for benchmarks.
 */
public final class SalesDemoGenerator {

    private static final String[] COMPANY_PARTS = {"华东", "金禾", "云启", "蓝天", "恒信", "远航", "博雅", "智联",
            "新锐", "海川", "众合", "天成", "Blue Sky", "Northwind", "Sunrise", "Everest"};
    private static final String[] COMPANY_KINDS = {"精密制造", "医疗", "科技", "零售", "物流", "能源", "Retail", "Systems"};
    private static final String[] SURNAMES = {"李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] CUSTOMER_TYPES = {"enterprise", "smb", "smb", "government"};
    private static final String[] INDUSTRIES = {"manufacturing", "retail", "it", "finance", "healthcare"};
    private static final String[] BUDGETS = {"lt100k", "100k_500k", "100k_500k", "500k_1m", "gt1m"};
    private static final String[] ROLES = {"decision_maker", "influencer", "user", "gatekeeper"};
    private static final String[] CUSTOMER_SOURCES = {"referral", "website", "exhibition", "cold_call", "partner"};
    private static final String[] LEAD_SOURCES = {"website", "exhibition", "referral", "ads"};
    private static final String[] CHANNELS = {"visit", "call", "wechat", "meeting"};
    private static final String[] STAGES = {"demo", "quote", "contract", "payment"};

    private final EngineServices engine;
    private final TransactionOperations transactions;
    private final String passwordHash;

    /**
     * @param transactions one batch of customers (with their records) commits together
     * @param passwordHash stored for every generated person (e.g. the encoded demo password)
     */
    public SalesDemoGenerator(EngineServices engine, TransactionOperations transactions, String passwordHash) {
        this.engine = engine;
        this.transactions = transactions;
        this.passwordHash = passwordHash;
    }

    /** Whether a run with these settings' prefix already happened (its director exists). */
    public boolean alreadyGenerated(DemoSettings settings) {
        return engine.users().byUsername(settings.prefix() + "director").isPresent();
    }

    /** Generates everything; {@code progress} hears after every batch of {@code batchSize} customers. */
    public DemoCounts generate(DemoSettings settings, int batchSize, Consumer<DemoCounts> progress) {
        Random random = new Random(settings.seed());
        List<Actor> reps = people(settings);
        Counter counter = new Counter(reps.size() + settings.regions().size() + 1);
        // each rep attaches their own copies: a file id someone else uploaded may not be put into a record
        Map<String, AttachmentRef> needs = new HashMap<>();
        Map<String, AttachmentRef> signatures = new HashMap<>();
        for (Actor rep : reps) {
            needs.put(rep.username(), attachment(rep, "needs-assessment.pdf"));
            signatures.put(rep.username(), attachment(rep, "signature-page.pdf"));
        }
        int done = 0;
        while (done < settings.customers()) {
            int from = done;
            int to = Math.min(settings.customers(), done + Math.max(1, batchSize));
            transactions.executeWithoutResult(status -> {
                for (int i = from; i < to; i++) {
                    Actor rep = reps.get(i % reps.size());
                    customer(settings, random, rep, i, needs.get(rep.username()), signatures.get(rep.username()),
                            counter);
                }
            });
            done = to;
            progress.accept(counter.counts());
        }
        return counter.counts();
    }

    // ---- people

    private List<Actor> people(DemoSettings settings) {
        String p = settings.prefix();
        UserAccount director = user(p + "director", "销售总监 Director", null, "hq", null,
                Set.of("sales_director"));
        Map<String, UserAccount> managers = new HashMap<>();
        for (String region : settings.regions()) {
            managers.put(region, user(p + "mgr_" + region, "经理 " + region, director.id(), region, region,
                    Set.of("sales_manager")));
        }
        List<Actor> reps = new ArrayList<>();
        for (int i = 1; i <= settings.reps(); i++) {
            String region = settings.regions().get((i - 1) % settings.regions().size());
            UserAccount rep = user(String.format(Locale.ROOT, "%srep%02d", p, i),
                    "销售 " + SURNAMES[(i - 1) % SURNAMES.length] + i, managers.get(region).id(), region, region,
                    Set.of("sales_rep"));
            reps.add(new Actor(rep.id(), rep.username(), rep.roles(), Locale.SIMPLIFIED_CHINESE, zone()));
        }
        return reps;
    }

    private UserAccount user(String username, String name, Long manager, String team, String region, Set<String> roles) {
        return engine.users().byUsername(username).orElseGet(() -> engine.users().create(new NewUser(username,
                passwordHash, name, username + "@demo.opensop.io", "zh-CN", zone().getId(), manager, team, region,
                roles)));
    }

    private ZoneId zone() {
        return engine.businessZone();
    }

    private AttachmentRef attachment(Actor owner, String name) {
        byte[] pdf = ("%PDF-1.4\n% " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        return engine.attachments().store(owner.username(), name, "application/pdf", new ByteArrayInputStream(pdf),
                pdf.length);
    }

    // ---- one customer and what hangs off it

    private void customer(DemoSettings settings, Random random, Actor rep, int index, AttachmentRef needs,
                          AttachmentRef signature, Counter counter) {
        LocalDate first = settings.month().atDay(1);
        int days = settings.month().lengthOfMonth();
        Map<String, Object> c = new HashMap<>();
        // customer names are unique: the run's prefix and the customer's number keep them apart
        String name = pick(random, COMPANY_PARTS) + pick(random, COMPANY_KINDS) + " "
                + settings.prefix().toUpperCase(Locale.ROOT) + (index + 1);
        c.put("name", name);
        c.put("customer_type", pick(random, CUSTOMER_TYPES));
        c.put("industry", pick(random, INDUSTRIES));
        c.put("region", regionOf(settings, rep));
        c.put("budget_range", pick(random, BUDGETS));
        c.put("decision_role", pick(random, ROLES));
        c.put("source", pick(random, CUSTOMER_SOURCES));
        c.put("key_contact_phone", String.format(Locale.ROOT, "+86 21 %04d %04d", random.nextInt(10_000), index % 10_000));
        c.put("on_time_payment_rate", BigDecimal.valueOf(50 + random.nextInt(51), 2));
        c.put("credit_rating", pick(random, new String[] {"A", "A", "B", "B", "C", "D"}));
        c.put("nps", 20 + random.nextInt(81));
        c.put("active_rate_30d", BigDecimal.valueOf(random.nextInt(101), 2));
        c.put("renewal_score", 30 + random.nextInt(71));
        long customer = engine.records().create(rep, "customer", c).id();
        counter.customers++;

        // leads across the month, most on working days; about 80% contacted, most of them within 4 h
        int leads = 1 + random.nextInt(2);
        for (int l = 0; l < leads; l++) {
            LocalDate day = workingDay(first.plusDays(random.nextInt(days)));
            var received = day.atTime(9 + random.nextInt(8), random.nextInt(60)).atZone(zone());
            Map<String, Object> lead = new HashMap<>();
            lead.put("name", pick(random, SURNAMES) + "先生/女士 " + (index + 1) + "-" + (l + 1));
            lead.put("company", name);
            lead.put("source", pick(random, LEAD_SOURCES));
            lead.put("valid", random.nextInt(10) < 8);
            lead.put("received_at", received.toOffsetDateTime());
            if (random.nextInt(10) < 9) {
                lead.put("phone", String.format(Locale.ROOT, "13%09d", random.nextInt(1_000_000_000)));
            }
            if (random.nextInt(10) < 8) {
                lead.put("assignee", rep.userId());
                lead.put("first_contact_at", received.plusMinutes(random.nextInt(10) < 8 ? 20 + random.nextInt(200)
                        : 300 + random.nextInt(900)).toOffsetDateTime());
            }
            engine.records().create(rep, "lead", lead);
            counter.leads++;
        }

        Long opportunity = null;
        if (random.nextInt(10) < 6) {
            Map<String, Object> o = new HashMap<>();
            o.put("name", name + " 项目");
            o.put("customer", customer);
            o.put("amount", BigDecimal.valueOf(20_000 + random.nextInt(480) * 1_000L));
            o.put("expected_close", first.plusDays(days - 1L + random.nextInt(60)));
            if (random.nextInt(10) < 8) {
                o.put("probability", BigDecimal.valueOf(10 + random.nextInt(9) * 10L, 2));
            }
            o.put("needs_assessment", List.of(needs.id()));
            o.put("signature_page", List.of(signature.id()));
            FormRecord deal = engine.records().create(rep, "opportunity", o);
            counter.opportunities++;
            opportunity = deal.id();
            // a funnel: each further stage reached by about two thirds of those before
            for (String stage : STAGES) {
                if (random.nextInt(3) == 0 || !counter.movesWork) {
                    break;
                }
                try {
                    deal = engine.records().moveStage(rep, "opportunity", deal.id(), deal.version(), stage);
                    counter.stageMoves++;
                } catch (ValidationException refused) {
                    if (refused.problems().stream().noneMatch(p -> "no_pipeline".equals(p.code()))) {
                        throw refused;
                    }
                    // an engine without the workflow feature has no pipeline: keep the records, skip the moves
                    counter.movesWork = false;
                    break;
                }
            }
            if (random.nextInt(10) < 4) {
                contract(settings, random, rep, customer, deal, counter);
            }
        }

        int followups = 1 + random.nextInt(2);
        for (int f = 0; f < followups; f++) {
            Map<String, Object> v = new HashMap<>();
            v.put("summary", "跟进 " + name);
            v.put("customer", customer);
            v.put("opportunity", random.nextBoolean() ? opportunity : null);
            v.put("visit_date", workingDay(first.plusDays(random.nextInt(days))));
            v.put("channel", pick(random, CHANNELS));
            if (random.nextInt(10) < 6) {
                v.put("pain_points", pick(random, new String[] {"库存周转慢", "回款周期长", "数据分散", "审批流程复杂"}));
            }
            engine.records().create(rep, "followup", v);
            counter.followups++;
        }
    }

    /** Signed in the month, with the month-end rush: half of all contracts in its last three working days. */
    private void contract(DemoSettings settings, Random random, Actor rep, long customer, FormRecord deal,
                          Counter counter) {
        LocalDate last = workingDayBack(settings.month().atEndOfMonth());
        LocalDate signed = random.nextBoolean()
                ? workingDayBack(last.minusDays(random.nextInt(3)))
                : workingDay(settings.month().atDay(1 + random.nextInt(settings.month().lengthOfMonth() - 3)));
        BigDecimal amount = ((BigDecimal) deal.values().get("amount")).setScale(2, RoundingMode.UNNECESSARY);
        int term = pick(random, new Integer[] {15, 30, 30, 45, 60});
        Map<String, Object> k = new HashMap<>();
        k.put("title", deal.values().get("name") + " 合同");
        k.put("customer", customer);
        k.put("opportunity", deal.id());
        k.put("contract_amount", amount);
        k.put("signed_on", signed);
        k.put("payment_term_days", term);
        k.put("promised_payment_date", signed.plusDays(term));
        k.put("milestone_payment_date", signed.plusDays(term + random.nextInt(3)));
        long contract = engine.records().create(rep, "contract", k).id();
        counter.contracts++;
        BigDecimal first = amount.multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.HALF_UP);
        payment(random, rep, contract, first, signed.plusDays(term / 2), counter);
        payment(random, rep, contract, amount.subtract(first), signed.plusDays(term), counter);
    }

    private void payment(Random random, Actor rep, long contract, BigDecimal amount, LocalDate due, Counter counter) {
        Map<String, Object> p = new HashMap<>();
        p.put("contract", contract);
        p.put("amount", amount);
        p.put("due_date", due);
        int roll = random.nextInt(10);
        if (roll < 5) {
            p.put("status", "paid");
            p.put("paid_on", due.minusDays(random.nextInt(5)));
        } else {
            p.put("status", roll < 8 ? "invoiced" : roll < 9 ? "awaiting_acceptance" : "in_legal_review");
        }
        engine.records().create(rep, "payment", p);
        counter.payments++;
    }

    // ---- helpers

    private static String regionOf(DemoSettings settings, Actor rep) {
        String number = rep.username().substring(rep.username().length() - 2);
        return settings.regions().get((Integer.parseInt(number) - 1) % settings.regions().size());
    }

    private static LocalDate workingDay(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static LocalDate workingDayBack(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.minusDays(1);
        }
        return d;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Mutable tallies of one run. */
    private static final class Counter {
        private final int users;
        private long customers;
        private long leads;
        private long followups;
        private long opportunities;
        private long stageMoves;
        private long contracts;
        private long payments;
        private boolean movesWork = true;

        Counter(int users) {
            this.users = users;
        }

        DemoCounts counts() {
            return new DemoCounts(users, customers, leads, followups, opportunities, stageMoves, contracts, payments);
        }
    }

}
