'use strict';
// The changelist's long filters (a dropdown or an autocomplete in a form): searchable with the
// admin's own select2, and applied as soon as a value is chosen. Without
// scripts the form's "Filter" button does the same.
{
    const $ = django.jQuery;
    $(function() {
        $('form.dropdown-filter').each(function() {
            const form = this;
            const dropdown = $(form).find('select.dropdown-filter-select');
            if ($.fn.select2) {
                dropdown.select2({width: '100%', theme: 'admin-autocomplete'});
            }
            // A city filter's select is an autocomplete already (admin/js/autocomplete.js).
            $(form).find('select').on('change', () => form.submit());
        });
    });
}
