package io.opensop.runtime.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generated bad input for the API fuzz tests: hostile scalars (SQL and script metacharacters,
 * path traversal, NUL, lone surrogates, huge numbers and strings, wrong types), and request bodies
 * that are garbage bytes, deeply nested, invalid UTF-16, truncated or over the size limit. Seeded,
 * so a failure is reproducible.
 */
public final class BadInputs {

    public static final List<Object> NASTY_SCALARS = List.of(
            "'; drop table app_user; --", "\" or 1=1 --", "${java.lang.Runtime}", "#{7*7}", "<script>alert(1)</script>",
            "../../etc/passwd", "\u0000", "\ud83d\ude00", "零", "", " ", "x".repeat(5000), "1e999", "NaN",
            "-0", "2026-02-30", "9999999999999999999999999999999", Long.MAX_VALUE, Integer.MIN_VALUE,
            new BigDecimal("1e-40"), new BigDecimal("123456789012345678901234567890.123"), true, false,
            List.of(), List.of(1, "two"), Map.of(), Map.of("id", "x"), -1, 0);

    private final Random random;

    public BadInputs(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public Object nasty() {
        return NASTY_SCALARS.get(random.nextInt(NASTY_SCALARS.size()));
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /**
     * A request body: mostly the generator's JSON, sometimes garbage bytes, an array nested thousands
     * deep under {@code nestingKey}, an invalid surrogate pair, truncated JSON, or a body over 1 MiB.
     */
    public byte[] body(Supplier<Object> generator, String nestingKey) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            return garbage;
        }
        if (shape == 1) {
            int depth = 10 + random.nextInt(3000);
            return ("{\"" + nestingKey + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (shape == 2) {
            return ("{\"" + nestingKey + "\":{\"name\":\"\\ud800\\udc00\\ud800\"}}").getBytes(StandardCharsets.UTF_8);
        }
        if (shape == 3 && random.nextInt(40) == 0) {
            return ("{\"" + nestingKey + "\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        String json = io.opensop.engine.support.Json.write(generator.get());
        if (shape == 3 && json.length() > 2) {
            json = json.substring(0, random.nextInt(json.length()));
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A form definition with a hostile key, field, type, attribute, permission or access entry
     * somewhere; about one in four has a fresh valid-looking key ({@code fz_…}) so creation is tried too.
     */
    public Object formDefinition() {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("key", random.nextBoolean() ? "f" + random.nextInt(5) : nasty());
        field.put("type", oneOf(List.of("text", "money", "reference", "sub_form", "formula", "nope")));
        field.put("label", random.nextBoolean() ? Map.of("en", "F") : nasty());
        if (random.nextBoolean()) {
            field.put(oneOf(List.of("target", "precision", "options", "fields", "pattern", "evil")), nasty());
        }
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("key", random.nextInt(4) == 0 ? "fz_" + random.nextInt(1_000_000) : nasty());
        form.put("label", Map.of("en", "x"));
        form.put("fields", random.nextInt(5) == 0 ? nasty() : List.of(field));
        switch (random.nextInt(6)) {
            case 0 -> form.put("permissions", Map.of(oneOf(List.of("read", "design", "evil", "")), nasty()));
            case 1 -> form.put("access", Map.of("rowScopes", Map.of(String.valueOf(nasty()), nasty())));
            case 2 -> form.put("access", Map.of("fields", Map.of("sales_rep", Map.of("f0", nasty()))));
            case 3 -> form.put(oneOf(List.of("rules", "sections", "pipeline", "titleField", "id")), nasty());
            default -> { }
        }
        return form;
    }

    public static String encode(Object value) {
        return java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
