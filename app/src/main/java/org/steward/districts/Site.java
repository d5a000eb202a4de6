package org.steward.districts;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A school or office of a district. */
@Table("site")
public record Site(@Id Long id, long districtId, String code, String name) {

    public static Site of(long districtId, String code, String name) {
        return new Site(null, districtId, code, name);
    }

    /** The same site under another name; its code, which imports and records name it by, stays. */
    public Site renamed(String newName) {
        return new Site(id, districtId, code, newName);
    }
}
