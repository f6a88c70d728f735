package io.opensop.engine.i18n;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Text a user wrote in one or more languages, keyed by BCP 47 tag ({@code zh-CN}, {@code en}). */
public final class LocalizedText {

    private final Map<String, String> byLanguage = new TreeMap<>();

    @JsonCreator
    public LocalizedText() {
    }

    public static LocalizedText of(String en, String zhCn) {
        LocalizedText text = new LocalizedText();
        if (en != null) {
            text.byLanguage.put("en", en);
        }
        if (zhCn != null) {
            text.byLanguage.put("zh-CN", zhCn);
        }
        return text;
    }

    @JsonAnySetter
    void put(String language, String value) {
        byLanguage.put(language, value);
    }

    @JsonAnyGetter
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(byLanguage);
    }

    @JsonIgnore
    public boolean isBlank() {
        return byLanguage.values().stream().allMatch(v -> v == null || v.isBlank());
    }

    /** The text in the locale's language, else English, else whatever exists. */
    public String in(Locale locale) {
        String exact = byLanguage.get(locale.toLanguageTag());
        if (notBlank(exact)) {
            return exact;
        }
        String sameLanguage = byLanguage.entrySet().stream()
                .filter(e -> e.getKey().startsWith(locale.getLanguage()) && notBlank(e.getValue()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (sameLanguage != null) {
            return sameLanguage;
        }
        String english = byLanguage.get("en");
        if (notBlank(english)) {
            return english;
        }
        return byLanguage.values().stream().filter(LocalizedText::notBlank).findFirst().orElse("");
    }

    /** True when any language's text equals {@code candidate}: labels are matched in every language. */
    public boolean matches(String candidate) {
        return byLanguage.values().stream().anyMatch(v -> v != null && v.equals(candidate));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalizedText other && other.byLanguage.equals(byLanguage);
    }

    @Override
    public int hashCode() {
        return byLanguage.hashCode();
    }

    @Override
    public String toString() {
        return byLanguage.toString();
    }
}
