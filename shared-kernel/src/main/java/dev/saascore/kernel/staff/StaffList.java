package dev.saascore.kernel.staff;

import java.util.List;

public record StaffList(List<StaffMember> members) {

    public StaffList {
        members = List.copyOf(members);
    }
}
