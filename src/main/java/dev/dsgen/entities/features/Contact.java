package dev.dsgen.entities.features;

/**
 * The identifying fields of one record, as written (plain, never hashed). Empty strings for
 * missing values. This is what pair features are computed from.
 */
public record Contact(String firstName, String lastName, String email, String phone, String address,
                      String city, String state, String postal) {
}
