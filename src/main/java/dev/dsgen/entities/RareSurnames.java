package dev.dsgen.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A long tail of plausible, individually rare surnames (English, German, Slavic, Scandinavian,
 * Italian, Dutch and Irish patterns) composed from stems and endings. The Census table covers only
 * the most common ~41% of people; spreading the rest over thousands of rare names keeps
 * collisions as rare as they are among real uncommon names.
 */
final class RareSurnames {
    private static final String[][] PATTERNS = {
        // English place and trade names: Ashworth, Bradfield, Kingsley...
        {"Ash", "Brad", "Brook", "Cal", "Craw", "Dun", "Fair", "Gold", "Hart", "Hol", "Kings", "Lang", "Mid", "North",
            "Ox", "Red", "Shel", "Stan", "Thorn", "Wal", "West", "Whit", "Wood", "Black", "Brom", "Chad", "Dal", "Elm",
            "Fen", "Gar", "Hale", "Hawks", "Lock", "Mor", "New", "Pem", "Rad", "Rock", "South", "Stock", "Sut", "Ware",
            "Wen", "Win", "Yar", "Ald", "Bur", "Cran", "Dray", "Eas"},
        {"ford", "ley", "ton", "well", "worth", "wood", "field", "by", "more", "stead", "ham", "land", "ridge", "burn",
            "wick", "combe", "dale", "hurst", "shaw", "brook", "cote", "den", "holt", "ing"},
        // German: Hoffstetter, Rosenbaum, Eisenhardt...
        {"Berg", "Stein", "Schul", "Hoff", "Kauf", "Reich", "Eisen", "Rosen", "Wein", "Lich", "Sonn", "Alt", "Baum",
            "Dorn", "Eck", "Feld", "Grun", "Hirsch", "Kirch", "Linden", "Mein", "Ober", "Stras", "Wald", "Zimmer"},
        {"mann", "berg", "stein", "feld", "baum", "thal", "er", "hardt", "inger", "ner", "stetter", "hauser", "meier"},
        // Slavic: Kowalczyk, Nowakowski, Wisniewski...
        {"Kowal", "Nowak", "Wisniew", "Lewand", "Zielin", "Kamin", "Dombrow", "Wojc", "Krawc", "Pawl", "Sadow", "Jablon",
            "Grabow", "Sobol", "Czarn", "Mazur", "Olszew", "Przyb", "Rutk", "Sikor"},
        {"ski", "sky", "czyk", "ak", "ek", "owicz", "enko", "iak", "ewski", "owski"},
        // Scandinavian: Lindqvist, Bergstrom, Dahlgren...
        {"Lind", "Berg", "Dahl", "Sand", "Holm", "Ek", "Nord", "Sjo", "Ahl", "Fors", "Hag", "Lund", "Strand", "Wik"},
        {"qvist", "strom", "gren", "berg", "ström", "lund", "by", "vall", "holm", "dahl", "ander"},
        // Italian: Bellucci, Marchetti, Santangelo...
        {"Bell", "March", "Santan", "Ross", "Ferr", "Gall", "Conti", "Bern", "Ricc", "Colomb", "Mart", "Vitt", "Grass",
            "Pell", "Fior", "Caruso", "Lombar", "Mancin", "Sorrent", "Tedesc"},
        {"ucci", "etti", "elli", "ini", "one", "ano", "ardi", "esi", "otta", "ato"},
        // Dutch: Vanderhoek, Vandermeer...
        {"Vander", "Vanden", "Van", "Ter", "De"},
        {"hoek", "meer", "berg", "bosch", "veen", "linden", "wal", "horst", "kamp", "dijk", "zand"},
        // Irish and Scottish: MacAlister, McCready...
        {"Mac", "Mc", "O'"},
        {"Alister", "Cready", "Gowan", "Kinnon", "Farlane", "Lachlan", "Tavish", "Quarrie", "Sheehy", "Dowd",
            "Rourke", "Halloran", "Keeffe", "Mahony", "Hanlon", "Garrity", "Elroy", "Ginley", "Corkle", "Crory"},
    };

    private RareSurnames() {
    }

    /** Every stem-ending combination that is not already a name in {@code known} (lower case). */
    static List<String> compose(Set<String> known) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>(known);
        for (int p = 0; p < PATTERNS.length; p += 2) {
            for (String stem : PATTERNS[p]) {
                for (String end : PATTERNS[p + 1]) {
                    String name = ascii(stem + end);
                    if (seen.add(name.toLowerCase(Locale.ROOT))) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }

    private static String ascii(String s) {
        return s.replace("ö", "o");
    }
}
