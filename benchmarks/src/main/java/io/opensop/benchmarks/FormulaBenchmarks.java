package io.opensop.benchmarks;

import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaContext;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Formula costs in one JVM: compiling (parse, type check, MVEL generation and compilation) with the
 * cache bypassed and through the cache, and evaluating the rebate formula against the same logic
 * written by hand in Java. Both evaluations read the same value maps, cycling through four records
 * (two that earn the rebate, two that do not), so neither side can fold the branch away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FormulaBenchmarks {

    static final BigDecimal FIFTY_THOUSAND = new BigDecimal("50000");
    static final BigDecimal THIRTY = new BigDecimal("30");
    static final BigDecimal RATE = new BigDecimal("0.008");

    FormulaSchema schema;
    FormulaEngine cachedEngine;
    CompiledFormula rebate;
    FormulaContext context;
    List<Map<String, Object>> records;
    int next;

    @Setup
    public void setUp() {
        schema = FormulaSchema.of(BenchForms.deal());
        cachedEngine = new FormulaEngine();
        cachedEngine.compile(BenchForms.REALISTIC, schema, FormulaType.MONEY);
        rebate = new FormulaEngine().compile(BenchForms.REBATE, schema, FormulaType.MONEY);
        context = FormulaContext.of(ZoneId.of("Asia/Shanghai"));
        records = List.of(record("60000.00", 25), record("30000.00", 10), record("120000.50", 30),
                record("80000.00", 45));
    }

    static Map<String, Object> record(String amount, int paymentDays) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", "Deal");
        values.put("region", "east");
        values.put("amount", new BigDecimal(amount));
        values.put("payment_days", BigDecimal.valueOf(paymentDays));
        values.put("signed_on", LocalDate.of(2026, 3, 2));
        return values;
    }

    private Map<String, Object> nextRecord() {
        next = (next + 1) & 3;
        return records.get(next);
    }

    /** The real cost of a formula the cache has not seen: a fresh engine, so nothing is reused. */
    @Benchmark
    public CompiledFormula compileUncached() {
        return new FormulaEngine(1).compile(BenchForms.REALISTIC, schema, FormulaType.MONEY);
    }

    /** What a save pays for a formula the engine has compiled before. */
    @Benchmark
    public CompiledFormula compileCached() {
        return cachedEngine.compile(BenchForms.REALISTIC, schema, FormulaType.MONEY);
    }

    @Benchmark
    public Object evaluateFormula() {
        return rebate.evaluate(nextRecord(), context);
    }

    @Benchmark
    public Object evaluateHandWritten() {
        return handWrittenRebate(nextRecord());
    }

    /** IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0) with the language's blank rules. */
    static BigDecimal handWrittenRebate(Map<String, Object> values) {
        BigDecimal amount = (BigDecimal) values.get("amount");
        BigDecimal days = (BigDecimal) values.get("payment_days");
        if (amount != null && days != null && amount.compareTo(FIFTY_THOUSAND) >= 0 && days.compareTo(THIRTY) <= 0) {
            return amount.multiply(RATE);
        }
        return BigDecimal.ZERO;
    }
}
