'use strict';
// The changelist's long filters (a dropdown in a form): searchable with the
// admin's own select2, and applied as soon as a value is chosen. Without
// scripts the form's "Filter" button does the same.
{
    const $ = django.jQuery;
    $(function() {
        $('form.dropdown-filter').each(function() {
            const form = this;
            const select = $(form).find('select.dropdown-filter-select');
            if ($.fn.select2) {
                select.select2({width: '100%', theme: 'admin-autocomplete'});
            }
            select.on('change', () => form.submit());
            $(form).find('.dropdown-filter-apply').addClass('visually-hidden');
        });
    });
}
