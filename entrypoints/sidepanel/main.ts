import { createApp } from 'vue';
import '@/assets/base.css';
import App from './App.vue';
import { uiLang, t } from '@/composables/useI18n';

document.documentElement.lang = uiLang();
document.title = t('extName');
createApp(App).mount('#app');
