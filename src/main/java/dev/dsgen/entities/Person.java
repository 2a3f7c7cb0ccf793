package dev.dsgen.entities;

import dev.dsgen.entities.ReferenceData.Place;

/**
 * One real-world entity (a person) before any source writes it down. Names are in proper case;
 * {@code nickname} is the name they go by, or null; {@code phone} is 10 digits.
 */
public record Person(int entity, char sex, String firstName, String nickname, String lastName,
                     String emailLocal, String emailDomain, String phone, Place place, String postal,
                     int houseNumber, String street, int suffix, String unitKind, String unit,
                     String company, int birthYear) {

    public String email() {
        return emailLocal + "@" + emailDomain;
    }
}
