package org.steward.engine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.steward.engine.usage.LocalDays;

/**
 * When staff are on duty (Clovis C.27: no surfing or games "during duty time"; Stanislaus 18.b): school days,
 * holidays, duty hours, by job function and per person. Without a calendar file: Monday to Friday, 07:30 to 16:00
 * in the district's time zone.
 */
public final class WorkCalendar {

    /** Duty hours of a day, as minutes since midnight, [from, until). */
    record Hours(int from, int until) {
        static Hours parse(String text) {
            String[] parts = text.strip().split("\\s*-\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("duty hours '" + text + "' are not like 07:30-16:00");
            }
            try {
                return new Hours(LocalTime.parse(parts[0]).toSecondOfDay() / 60,
                        LocalTime.parse(parts[1]).toSecondOfDay() / 60);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("duty hours '" + text + "' are not like 07:30-16:00");
            }
        }
    }

    private final ZoneId zone;
    private final Hours defaultHours;
    private final Set<DayOfWeek> schoolDays;
    private final Set<LocalDate> holidays;
    private final Map<String, Hours> byJobFunction;
    private final Map<String, Hours> byPerson;
    private final ThreadLocal<LocalDays> days;
    /** The same as the sets, for the check made per event: school days by {@link LocalDays#dayOfWeekIndex}. */
    private final boolean[] schoolDay = new boolean[7];
    private final long[] holidayDays;

    WorkCalendar(ZoneId zone, Hours defaultHours, Set<DayOfWeek> schoolDays, Set<LocalDate> holidays,
                 Map<String, Hours> byJobFunction, Map<String, Hours> byPerson) {
        this.zone = zone;
        this.defaultHours = defaultHours;
        this.schoolDays = Set.copyOf(schoolDays);
        this.holidays = Set.copyOf(holidays);
        this.byJobFunction = Map.copyOf(byJobFunction);
        this.byPerson = Map.copyOf(byPerson);
        this.days = ThreadLocal.withInitial(() -> new LocalDays(zone));
        schoolDays.forEach(d -> schoolDay[d.getValue() - 1] = true);
        this.holidayDays = holidays.stream().mapToLong(LocalDate::toEpochDay).sorted().toArray();
    }

    public static WorkCalendar standard(ZoneId zone) {
        return new WorkCalendar(zone, new Hours(7 * 60 + 30, 16 * 60),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Map.of(), Map.of());
    }

    /**
     * A calendar from its parts, as a district keeps them: duty hours ("07:30-16:00"), school days, holidays, duty
     * hours by job function, and each person's job function (people whose function has no hours of its own keep
     * the district's). Anything wrong stops it with a message naming it.
     */
    public static WorkCalendar of(ZoneId zone, String dutyHours, Set<DayOfWeek> schoolDays, Set<LocalDate> holidays,
                                  Map<String, String> hoursByJobFunction, Map<String, String> jobFunctionByPerson) {
        Map<String, Hours> byJob = new HashMap<>();
        hoursByJobFunction.forEach((job, hours) -> byJob.put(job, Hours.parse(hours)));
        Map<String, Hours> byPerson = new HashMap<>();
        jobFunctionByPerson.forEach((person, job) -> {
            Hours hours = byJob.get(job);
            if (hours != null) {
                byPerson.put(person, hours);
            }
        });
        return new WorkCalendar(zone, Hours.parse(dutyHours), schoolDays, holidays, byJob, byPerson);
    }

    /** Whether "07:30-16:00" is duty hours as a calendar reads them. */
    public static boolean areDutyHours(String text) {
        try {
            Hours hours = Hours.parse(text);
            return hours.from() < hours.until();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isDuty(String person, long millis) {
        LocalDays local = days.get();
        long day = local.epochDay(millis);
        if (!schoolDay[LocalDays.dayOfWeekIndex(day)]
                || holidayDays.length > 0 && Arrays.binarySearch(holidayDays, day) >= 0) {
            return false;
        }
        Hours hours = byPerson.isEmpty() ? defaultHours : byPerson.getOrDefault(person, defaultHours);
        long minute = local.millisIntoDay(millis) / 60_000;
        return minute >= hours.from() && minute < hours.until();
    }

    /**
     * Reads a calendar file (YAML): {@code time_zone}, {@code duty_hours} ("07:30-16:00"), {@code school_days},
     * {@code holidays} (dates), {@code job_functions} (name: hours) and {@code people} (person: job_function or
     * duty_hours). Anything wrong stops the load with a message naming it.
     */
    public static WorkCalendar read(Path file, ZoneId defaultZone) {
        try {
            return parse(Files.readString(file), file.toString(), defaultZone);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the calendar " + file, e);
        }
    }

    /** The same from the calendar's text; {@code file} names it in messages. */
    @SuppressWarnings("unchecked")
    public static WorkCalendar parse(String text, String file, ZoneId defaultZone) {
        Map<String, Object> yaml;
        try {
            Object loaded = new Load(LoadSettings.builder().build()).loadFromString(text);
            yaml = loaded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a calendar: " + e.getMessage(), e);
        }
        try {
            ZoneId zone = yaml.containsKey("time_zone") ? ZoneId.of(yaml.get("time_zone").toString()) : defaultZone;
            Hours hours = yaml.containsKey("duty_hours") ? Hours.parse(yaml.get("duty_hours").toString())
                    : new Hours(7 * 60 + 30, 16 * 60);
            Set<DayOfWeek> schoolDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            if (yaml.get("school_days") instanceof List<?> list) {
                schoolDays = EnumSet.noneOf(DayOfWeek.class);
                for (Object d : list) {
                    schoolDays.add(DayOfWeek.valueOf(d.toString().toUpperCase(Locale.ROOT)));
                }
            }
            Set<LocalDate> holidays = new HashSet<>();
            if (yaml.get("holidays") instanceof List<?> list) {
                for (Object d : list) {
                    holidays.add(LocalDate.parse(d.toString()));
                }
            }
            Map<String, Hours> byJob = new HashMap<>();
            if (yaml.get("job_functions") instanceof Map<?, ?> jobs) {
                jobs.forEach((job, h) -> byJob.put(job.toString(), Hours.parse(h.toString())));
            }
            Map<String, Hours> byPerson = new HashMap<>();
            if (yaml.get("people") instanceof Map<?, ?> people) {
                people.forEach((person, p) -> {
                    Map<String, Object> settings = p instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    Object own = settings.get("duty_hours");
                    Object job = settings.get("job_function");
                    if (own != null) {
                        byPerson.put(person.toString(), Hours.parse(own.toString()));
                    } else if (job != null) {
                        Hours jobHours = byJob.get(job.toString());
                        if (jobHours == null) {
                            throw new IllegalArgumentException("person " + person + " has job function " + job
                                    + ", which job_functions does not list");
                        }
                        byPerson.put(person.toString(), jobHours);
                    }
                });
            }
            return new WorkCalendar(zone, hours, schoolDays, holidays, byJob, byPerson);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
