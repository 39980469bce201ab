/** Settings. Loaded with the settings screen only. */
export const settingsCopy = {
  title: 'Settings',
  nameLabel: 'Your first name',
  devicesTitle: 'Linked phones',
  thisPhone: 'this phone',
  unpair: 'Unpair',
  unpairMeans: 'Unpair means unlink your two phones.',
  agreementLink: 'Our break agreement',
  unpairLead: 'Unpairing takes effect at once on both phones. You can link again later with a new code.',
  unpairConfirm: 'Yes, unpair now',
  cancel: 'Cancel',
  save: 'Save',
  back: 'Back',
  history: 'Your history',
};
