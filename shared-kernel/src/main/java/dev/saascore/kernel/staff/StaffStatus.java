package dev.saascore.kernel.staff;

public enum StaffStatus {
    INVITED,
    ACTIVE,
    DEACTIVATED
}
