package dev.deployer.server.build;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.parser.CronParser;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A standard 5-field cron schedule (parsed by cron-utils, its UNIX definition) as a systemd {@code OnCalendar=}
 * expression, built from the parsed fields: lists, ranges, steps and {@code *} in each. What systemd cannot say the
 * same way is refused with a sentence: a restricted day of month together with a restricted day of week (cron runs
 * on either, systemd only on both). Pure.
 */
public final class CronCalendar {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    private CronCalendar() {}

    /** The {@code OnCalendar=} value of {@code schedule}; throws IllegalArgumentException saying what is wrong. */
    public static String of(String schedule) {
        if (!schedule.matches("^[0-9A-Za-z*,/ -]{1,100}$")) {
            throw new IllegalArgumentException("a schedule is 5 fields of digits, names, '*', ',', '-' and '/' (at most 100 characters)");
        }
        if (schedule.strip().split("\\s+").length != 5) {
            throw new IllegalArgumentException("a schedule has 5 fields (minute hour day-of-month month day-of-week)");
        }
        Cron cron;
        try {
            cron = PARSER.parse(schedule.strip()).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("Failed to parse cron expression. ", ""));
        }
        FieldExpression dom = cron.retrieve(CronFieldName.DAY_OF_MONTH).getExpression();
        FieldExpression dow = cron.retrieve(CronFieldName.DAY_OF_WEEK).getExpression();
        if (!(dom instanceof Always) && !(dow instanceof Always)) {
            throw new IllegalArgumentException("it restricts both the day of month and the day of week: cron runs on either, "
                    + "a systemd timer only on both; use '*' in one of them");
        }
        String days = dow instanceof Always ? "" : weekdays(dow) + " ";
        return days + "*-" + field(cron, CronFieldName.MONTH, 1) + "-" + field(cron, CronFieldName.DAY_OF_MONTH, 1) + " "
                + field(cron, CronFieldName.HOUR, 0) + ":" + field(cron, CronFieldName.MINUTE, 0) + ":00";
    }

    private static String field(Cron cron, CronFieldName name, int first) {
        return part(cron.retrieve(name).getExpression(), first);
    }

    /** systemd spells ranges {@code a..b} and steps {@code start/step}; {@code first} is where {@code * /n} starts. */
    private static String part(FieldExpression e, int first) {
        if (e instanceof Always) {
            return "*";
        }
        if (e instanceof On on) {
            return String.valueOf(plain(on));
        }
        if (e instanceof Between between) {
            return between.getFrom().getValue() + ".." + between.getTo().getValue();
        }
        if (e instanceof Every every) {
            String start = every.getExpression() instanceof Always ? String.valueOf(first) : part(every.getExpression(), first);
            return start + "/" + every.getPeriod().getValue();
        }
        if (e instanceof And and) {
            return String.join(",", and.getExpressions().stream().map(x -> part(x, first)).toList());
        }
        throw new IllegalArgumentException("'" + e.asString() + "' has no systemd calendar equivalent");
    }

    /** Weekdays as systemd's names, listed ({@code Mon,Wed}): cron's 0 and 7 are both Sunday. */
    private static String weekdays(FieldExpression e) {
        TreeSet<Integer> days = new TreeSet<>();
        collect(e, days);
        List<String> names = new ArrayList<>();
        for (int day : List.of(1, 2, 3, 4, 5, 6, 0)) {
            if (days.contains(day)) {
                names.add(DAYS[day]);
            }
        }
        return String.join(",", names);
    }

    private static void collect(FieldExpression e, TreeSet<Integer> days) {
        if (e instanceof On on) {
            days.add(plain(on) % 7);
        } else if (e instanceof Between between) {
            range((Integer) between.getFrom().getValue(), (Integer) between.getTo().getValue(), 1, days);
        } else if (e instanceof Every every) {
            FieldExpression base = every.getExpression();
            int step = every.getPeriod().getValue();
            if (base instanceof Always) {
                range(0, 6, step, days);
            } else if (base instanceof On on) {
                range(plain(on), 7, step, days);
            } else if (base instanceof Between between) {
                range((Integer) between.getFrom().getValue(), (Integer) between.getTo().getValue(), step, days);
            } else {
                throw new IllegalArgumentException("day of week '" + e.asString() + "' has no systemd calendar equivalent");
            }
        } else if (e instanceof And and) {
            and.getExpressions().forEach(x -> collect(x, days));
        } else {
            throw new IllegalArgumentException("day of week '" + e.asString() + "' has no systemd calendar equivalent");
        }
    }

    private static void range(int from, int to, int step, TreeSet<Integer> days) {
        if (from > to || step < 1) {
            throw new IllegalArgumentException("day of week range " + from + "-" + to + " runs backwards");
        }
        for (int d = from; d <= to; d += step) {
            days.add(d % 7);
        }
    }

    private static int plain(On on) {
        if (on.getSpecialChar().getValue() != SpecialChar.NONE) {
            throw new IllegalArgumentException("'" + on.asString() + "' has no systemd calendar equivalent");
        }
        return on.getTime().getValue();
    }
}
