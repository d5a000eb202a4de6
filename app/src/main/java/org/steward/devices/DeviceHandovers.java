package org.steward.devices;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** Hand-overs, loaded and saved whole; always within one district. */
interface DeviceHandovers extends ListCrudRepository<DeviceHandover, Long> {

    Optional<DeviceHandover> findByDistrictIdAndId(long districtId, long id);

    List<DeviceHandover> findByDistrictIdAndStaffIdOrderByPreparedAtDescIdDesc(long districtId, long staffId);

    List<DeviceHandover> findByDistrictIdAndStaffIdAndStatus(long districtId, long staffId,
                                                             DeviceHandover.Status status);

    /** Holds the devices' rows until the transaction ends, in one order, so preparations of one device queue. */
    @Query("select count(*) from (select id from device where district_id = :districtId and id = any(:ids) "
            + "order by id for update) as locked")
    long lockDevices(long districtId, Long[] ids);

    /** Whether the device is in a hand-over not yet signed. */
    @Query("""
            select count(*) > 0 from device_handover
             where status in ('AWAITING_ACKNOWLEDGMENT', 'AWAITING_SIGNATURE')
               and devices @> array[:deviceId]::bigint[]""")
    boolean pending(long deviceId);
}
