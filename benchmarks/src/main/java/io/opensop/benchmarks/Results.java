package io.opensop.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** What one run measured: figures by group, goals with their verdicts, and free-form notes (EXPLAIN plans). */
final class Results {

    record Figure(String group, String benchmark, String database, String threads, double value, String unit,
                  String note) {
    }

    record Goal(String goal, String measured, boolean met) {
    }

    final List<Figure> figures = new ArrayList<>();
    final List<Goal> goals = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    void add(String group, String benchmark, String database, String threads, double value, String unit,
             String note) {
        figures.add(new Figure(group, benchmark, database, threads, value, unit, note));
        System.out.printf("%-10s %-48s %-12s %-3s %14.3f %-10s %s%n", group, benchmark, database, threads, value, unit,
                note == null ? "" : note);
    }

    void goal(String goal, String measured, boolean met) {
        goals.add(new Goal(goal, measured, met));
        System.out.printf("GOAL %-70s %-40s %s%n", goal, measured, met ? "met" : "MISSED");
    }

    void note(String markdown) {
        notes.add(markdown);
    }
}
