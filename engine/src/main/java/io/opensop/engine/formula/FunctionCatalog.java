package io.opensop.engine.formula;

import io.opensop.engine.i18n.LocalizedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The function library as editors show it: each function's signature and a one-line description in
 * English and Chinese, for autocomplete. The names and arities themselves stay in {@link Functions}; a
 * test keeps the two in step.
 */
public final class FunctionCatalog {

    /** One function: {@code signature} such as {@code ROUND(x[, digits])}. */
    public record FunctionInfo(String name, String signature, LocalizedText description) {
    }

    private static final Map<String, String[]> ENTRIES = Map.ofEntries(
            entry("IF", "IF(condition, then[, else])", "then when the condition is TRUE, else otherwise",
                    "条件为真取 then，否则取 else"),
            entry("IFS", "IFS(c1, v1, c2, v2, …)", "value of the first TRUE condition", "第一个为真的条件对应的值"),
            entry("SWITCH", "SWITCH(x, v1, r1, …[, default])", "result of the first case equal to x",
                    "与 x 相等的第一个分支的结果"),
            entry("AND", "AND(a, b, …)", "TRUE when every argument is TRUE", "全部为真时为真"),
            entry("OR", "OR(a, b, …)", "TRUE when any argument is TRUE", "任一为真时为真"),
            entry("NOT", "NOT(x)", "the opposite of x", "取反"),
            entry("ISBLANK", "ISBLANK(x)", "x is empty", "x 为空"),
            entry("BLANKVALUE", "BLANKVALUE(x, fallback)", "x unless it is empty", "x 为空时取 fallback"),
            entry("ROUND", "ROUND(x[, digits])", "round half up to digits", "四舍五入到指定位数"),
            entry("ROUNDUP", "ROUNDUP(x[, digits])", "round away from zero", "远离零方向舍入"),
            entry("ROUNDDOWN", "ROUNDDOWN(x[, digits])", "round towards zero", "向零方向舍入"),
            entry("ABS", "ABS(x)", "absolute value", "绝对值"),
            entry("MIN", "MIN(x, …)", "smallest value", "最小值"),
            entry("MAX", "MAX(x, …)", "largest value", "最大值"),
            entry("SUM", "SUM(x, …)", "sum of numbers or a sub-form column", "求和（可用于明细列）"),
            entry("AVG", "AVG(x, …)", "average", "平均值"),
            entry("COUNT", "COUNT(x, …)", "number of non-empty values", "非空值个数"),
            entry("COUNTIF", "COUNTIF(list, criterion)", "values of the list matching the criterion",
                    "满足条件的个数"),
            entry("SUMIF", "SUMIF(list, criterion[, sum_list])", "sum where the list matches the criterion",
                    "按条件求和"),
            entry("TODAY", "TODAY()", "today's date", "今天的日期"),
            entry("NOW", "NOW()", "the current date and time", "当前日期时间"),
            entry("DATE", "DATE(year, month, day)", "a date", "构造日期"),
            entry("YEAR", "YEAR(date)", "year of a date", "年份"),
            entry("MONTH", "MONTH(date)", "month of a date", "月份"),
            entry("DAY", "DAY(date)", "day of the month", "日"),
            entry("DAYS", "DAYS(end, start)", "days from start to end", "两个日期相差的天数"),
            entry("HOURS", "HOURS(end, start)", "hours from start to end (date-times)", "两个时间相差的小时数"),
            entry("ADDDAYS", "ADDDAYS(date, n)", "the date n days later", "n 天后的日期"),
            entry("NETWORKDAYS", "NETWORKDAYS(start, end)", "working days between two dates",
                    "两个日期之间的工作日数"),
            entry("WORKDAY", "WORKDAY(start, n)", "the date n working days after start", "n 个工作日后的日期"),
            entry("CONCAT", "CONCAT(x, …)", "texts joined", "连接文本"),
            entry("LEFT", "LEFT(text[, n])", "first n characters", "左起 n 个字符"),
            entry("RIGHT", "RIGHT(text[, n])", "last n characters", "右起 n 个字符"),
            entry("MID", "MID(text, start, n)", "n characters from start (1-based)", "从 start 起取 n 个字符"),
            entry("LEN", "LEN(text)", "number of characters", "字符数"),
            entry("UPPER", "UPPER(text)", "upper case", "转大写"),
            entry("LOWER", "LOWER(text)", "lower case", "转小写"),
            entry("TRIM", "TRIM(text)", "without leading and trailing spaces", "去除首尾空格"),
            entry("CONTAINS", "CONTAINS(text, part)", "text contains part, or a multi-select holds it",
                    "包含子串或多选包含该项"),
            entry("TEXT", "TEXT(x[, pattern])", "x as text, optionally formatted", "转为文本，可指定格式"),
            entry("VALUE", "VALUE(text)", "the number written in a text", "文本转数字"));

    private FunctionCatalog() {
    }

    /** Every function of the language, by name. */
    public static List<FunctionInfo> all() {
        List<FunctionInfo> all = new ArrayList<>();
        ENTRIES.forEach((name, texts) -> all.add(new FunctionInfo(name, texts[0], LocalizedText.of(texts[1], texts[2]))));
        all.sort(Comparator.comparing(FunctionInfo::name));
        return List.copyOf(all);
    }

    private static Map.Entry<String, String[]> entry(String name, String signature, String en, String zh) {
        return Map.entry(name, new String[] {signature, en, zh});
    }
}
